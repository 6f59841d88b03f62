// `npm run export` → exports/slides.pdf: every slide with each block's recorded result, and whatever a slide cuts off
// printed whole on the pages after it; the lag charts draw the lag recorded with the blocks. `npm run export:notes` →
// exports/notes.pdf: the presenter notes, each Q&A slide's answer included (setup/preparser.ts). `npm run
// export:handout` → exports/handout.pdf: a document for preparing an interview (handout/). All in the light palette
// unless asked for the dark one, with no cluster, no sidecar and no network.
import { mkdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../rehearse/slide-order';
import { exportHandout } from './handout/export-handout';
import { printDeck, type PrintOptions } from './print-deck';
import { findBrowser, type FoundBrowser } from '../system/find-browser';

export const EXPORTS_DIR = join(PROJECT_ROOT, 'exports');
export const EXPORTS = ['slides', 'notes', 'handout'] as const;
export type ExportKind = (typeof EXPORTS)[number];

export async function exportDeck(what: ExportKind, outputDir = EXPORTS_DIR, options: Partial<PrintOptions> = {}): Promise<{ file: string; durationMs: number; browser: FoundBrowser }> {
  const started = performance.now();
  const print: PrintOptions = { palette: options.palette ?? 'light', paper: options.paper ?? 'A4' };
  const browser = findBrowser(); // before anything is written: no browser, a clear error
  await mkdir(outputDir, { recursive: true });
  const file = join(outputDir, `${what}.pdf`);
  await rm(file, { force: true }); // a failed export must not leave the last one looking new
  if (what === 'handout') await exportHandout(file, print);
  else await printDeck(what, file, print);
  await stat(file);
  return { file, durationMs: performance.now() - started, browser };
}
