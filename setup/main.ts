// Slidev's own download button (navigation bar) offers the PDF `npm run export` made, when there is one: the build
// cannot know, so the deck asks its server once before it mounts (a HEAD request, a few ms on loopback).
import { configs } from '@slidev/client'
import { defineAppSetup } from '@slidev/types'
import { isPrintMode } from '../composables/printMode'

const EXPORTED_PDF = '/exports/slides.pdf'

export default defineAppSetup(async () => {
  if (isPrintMode) return
  try {
    const answer = await fetch(EXPORTED_PDF, { method: 'HEAD' })
    // a dev server answers a missing file with its index.html: only a PDF counts
    if (answer.ok && answer.headers.get('content-type')?.startsWith('application/pdf')) configs.download = EXPORTED_PDF
  } catch {
    // no answer: no download button, as before
  }
})
