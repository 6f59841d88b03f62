// `npm run export` → exports/slides.pdf: every slide with each block's recorded result (print mode shows recordings,
// never asks a sidecar, and has no Run/Cancel buttons). `npm run export:notes` → exports/notes.pdf: the presenter
// notes, each Q&A slide's answer included (setup/preparser.ts). Slidev's own exporters, on the Chromium found here.
import { execFileSync } from 'node:child_process';
import { mkdir, readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../rehearse/slide-order';
import { runSlidev } from '../deck/slidev-cli';
import type { FoundBrowser } from '../system/find-browser';
import { systemChromium } from './system-chromium';

export const EXPORTS_DIR = join(PROJECT_ROOT, 'exports');
// rendering ~80 slides on 2 shared cores takes longer than Slidev's default 30 s
const TIMEOUT_MS = 180_000;
const ATTEMPTS = 3;

export async function exportDeck(what: 'slides' | 'notes', outputDir = EXPORTS_DIR): Promise<{ file: string; durationMs: number; browser: FoundBrowser }> {
  const started = performance.now();
  await mkdir(outputDir, { recursive: true });
  const chromium = await systemChromium();
  const file = join(outputDir, `${what}.pdf`);
  await rm(file, { force: true }); // a failed export must not leave the last one looking new
  // the export's dev server must not find a sidecar to proxy to: what the PDF shows is the recordings, on any machine
  const env = { ...process.env, PLAYWRIGHT_BROWSERS_PATH: chromium.browsersPath, PGDEMO_CLUSTER_DIR: join(outputDir, '.no-cluster') };
  const args = what === 'slides'
    ? ['export', 'slides.md', '--output', file, '--executable-path', chromium.executable, '--timeout', String(TIMEOUT_MS)]
    : ['export-notes', 'slides.md', '--output', file, '--timeout', String(TIMEOUT_MS)];
  for (let attempt = 1; ; attempt++) {
    // Chromium drops every request in flight with net::ERR_NETWORK_CHANGED when a network interface appears (Docker
    // creating a network, say): the page never mounts. The slides exporter then gives up after a fixed 30 s; the notes
    // exporter prints the empty page (one page, where this deck's notes take twenty)
    const failed = await runSlidev(PROJECT_ROOT, args, env).then(
      async () => (what === 'notes' && pdfPageObjects(await readFile(file)) < 2 ? 'printed an empty page'
        // or the slides exporter prints every page blank (a CI run, beside tests creating Docker networks)
        : what === 'slides' && pdfText(file) === '' ? 'printed blank pages' : undefined),
      (err: unknown) => {
        if (!String(err).includes("waiting for locator('body')")) throw err;
        return 'never showed its page';
      });
    if (!failed) break;
    if (attempt >= ATTEMPTS) throw new Error(`slidev ${args[0]} ${failed}, ${ATTEMPTS} times`);
    console.error(`slidev ${args[0]} ${failed} (a network change mid-load?): trying again (${attempt + 1}/${ATTEMPTS})`);
  }
  await stat(file); // Slidev exits 0 on some failures: the file must be there
  return { file, durationMs: performance.now() - started, browser: chromium.browser };
}

/**
 * The PDF's text without blanks, by pdftotext (poppler-utils) where it is installed; undefined where it is not, so a
 * machine without it is not told its export failed.
 */
function pdfText(file: string): string | undefined {
  try {
    return execFileSync('pdftotext', [file, '-'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).replace(/\s+/g, '');
  } catch {
    return undefined;
  }
}

/** Page objects written out in the clear, as Chromium writes a notes PDF (a PDF with object streams counts 0). */
function pdfPageObjects(pdf: Buffer): number {
  return pdf.toString('latin1').match(/\/Type\s*\/Page(?![A-Za-z])/g)?.length ?? 0;
}
