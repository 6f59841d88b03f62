// The slides and the notes, printed by our own page on the system's Chromium from Slidev's export server (the deck in
// Slidev's "export" mode, the only one with its print views: /print, a page per slide; /presenter/print, the notes),
// in the palette asked for (composables/printMode.ts), once every block shows its recording and has printed what its
// slide cuts off after the slide (usePrintContinuation.ts), and every lag chart its recorded lag. Slidev's own
// exporter does neither: it prints dark when slides.md says dark, and as soon as a block shows its recording.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { parse } from 'yaml';
import type { Variant } from '../../styles/palette';
import type { AddressInfo } from 'node:net';
import { createServer, resolveOptions } from '@slidev/cli';
import { injectPreparserExtensionLoader } from '@slidev/parser/fs';
import preparser from '../../setup/preparser';
import { PRINT_SETTLE } from '../../composables/printMode';
import { PROJECT_ROOT } from '../rehearse/slide-order';
import { launchSystemChromium } from './system-chromium';

// ~80 slides and their continuations on 2 shared cores
const READY_TIMEOUT_MS = 180_000;
// a machine whose Docker creates networks all the while (tests beside the export) dropped three loads in a row here
const ATTEMPTS = 5;

export interface PrintOptions { palette: Variant; paper: 'A4' | 'Letter' }

/** The slides' canvas as slides.md's headmatter sets it: each slide is printed on a page of that size. */
async function canvas(): Promise<{ width: number; height: number }> {
  const headmatter = parse(/^---\n([\s\S]*?)\n---/.exec(await readFile(join(PROJECT_ROOT, 'slides.md'), 'utf8'))?.[1] ?? '') as
    { canvasWidth?: number; aspectRatio?: string | number };
  const width = headmatter.canvasWidth ?? 980;
  const [w, h] = String(headmatter.aspectRatio ?? '16/9').split(/[/:]/).map(Number);
  return { width, height: Math.round(width / (h ? w! / h : w!)) };
}

/** Waits until the print view has rendered every slide and each block and chart says it is ready to print. */
async function untilPrintable(page: Page, rendered: string): Promise<void> {
  await page.waitForFunction((selector) => {
    const w = window as unknown as { pgdemoState?: string; pgdemoStableSince?: number };
    if (!document.querySelector(selector) || document.querySelector('.slidev-slide-loading')) return false;
    if (document.querySelector('[data-print-ready="false"]')) return false;
    // the slides' components mount in waves, and a late layout change may cut a block off after all: ready once the
    // blocks, their cues and their continuations held still for a second
    const state = [...document.querySelectorAll('[data-print-ready], [data-overflow-cue], [data-continues]')]
      .map((e) => e.getAttribute('data-print-ready') ?? e.tagName).join();
    if (state !== w.pgdemoState) {
      w.pgdemoState = state;
      w.pgdemoStableSince = performance.now();
    }
    return performance.now() - w.pgdemoStableSince! > 1000;
  }, rendered, { timeout: READY_TIMEOUT_MS, polling: 200 }).catch(async (err: unknown) => {
    const waiting = await page.$$eval('[data-print-ready="false"]', (els) => els.map((e) => e.getAttribute('data-snippet') ?? e.className));
    throw new Error(`the print view was not ready after ${READY_TIMEOUT_MS / 1000} s${waiting.length ? `: still waiting for ${waiting.join(', ')}` : ''}`
      + ` (${err instanceof Error ? err.message.split('\n')[0] : String(err)})`);
  });
  await page.evaluate(() => document.fonts.ready);
}

/** Slidev's server for exports, on a free port of 127.0.0.1: its print views, compiled as the page asks for them. */
async function exportServer(): Promise<{ url: string; close(): Promise<void> }> {
  // the deck's preparser (each Q&A answer copied into its notes, plain titles), as Slidev's CLI would load it
  injectPreparserExtensionLoader(async (_roots, headmatter, filepath, mode) => preparser({ headmatter, filepath, mode }));
  const server = await createServer(await resolveOptions({ entry: join(PROJECT_ROOT, 'slides.md') }, 'export'),
    { server: { host: '127.0.0.1', port: 0, strictPort: true }, clearScreen: false, logLevel: 'warn' });
  await server.listen();
  return { url: `http://127.0.0.1:${(server.httpServer!.address() as AddressInfo).port}`, close: () => server.close() };
}

/** Prints `/print` (the slides) or `/presenter/print` (the notes) into `file`. */
export async function printDeck(what: 'slides' | 'notes', file: string, options: PrintOptions): Promise<void> {
  const deck = await exportServer();
  const browser = await launchSystemChromium();
  try {
    const size = await canvas();
    // twice the pixels: the lag charts are canvases, drawn at the page's pixel ratio
    const page = await browser.newPage({ viewport: size, deviceScaleFactor: 2 });
    // Chromium drops every request in flight with net::ERR_NETWORK_CHANGED when a network interface appears (Docker
    // creating a network, say): a module of the page never arrives, and loading the page again is the cure
    let dropped = false;
    page.on('requestfailed', (request) => { dropped ||= request.failure()?.errorText.includes('ERR_NETWORK_CHANGED') === true; });
    await page.emulateMedia({ media: 'screen' }); // laid out as on screen, where the blocks measured what they cut off
    const path = what === 'slides' ? '/print' : '/presenter/print';
    for (let attempt = 1; ; attempt++) {
      dropped = false;
      try {
        await page.goto(`${deck.url}${path}?print=true&palette=${options.palette}`, { waitUntil: 'networkidle', timeout: READY_TIMEOUT_MS });
        if (dropped) throw new Error('net::ERR_NETWORK_CHANGED while the page loaded');
        await untilPrintable(page, what === 'slides' ? '.print-slide-container' : '#page-root');
        // a last look: a block laid out differently since it measured (a late font, its highlighted code) says so now,
        // and continues after its slide; then everything holds still again
        await page.evaluate((event) => window.dispatchEvent(new Event(event)), PRINT_SETTLE);
        await untilPrintable(page, what === 'slides' ? '.print-slide-container' : '#page-root');
        break;
      } catch (err) {
        if (attempt >= ATTEMPTS || !(dropped || /ERR_NETWORK_CHANGED/.test(String(err)))) throw err;
        console.error(`printing ${what}: a request was dropped (a network change mid-load?): trying again (${attempt + 1}/${ATTEMPTS})`);
      }
    }
    await page.pdf(what === 'slides'
      ? { path: file, width: `${size.width}px`, height: `${size.height}px`, printBackground: true, margin: { top: '0', right: '0', bottom: '0', left: '0' }, tagged: true, outline: true }
      // the notes page asks for A4 itself (@page); Letter on request
      : { path: file, format: options.paper, preferCSSPageSize: options.paper === 'A4', printBackground: true });
  } finally {
    await browser.close();
    await deck.close();
  }
}
