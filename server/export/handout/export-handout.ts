// `npm run export:handout` → exports/handout.pdf: the handout (handout-html.ts) printed by the system's Chromium on A4
// (or Letter) pages, numbered in the footer, with the deck's palette and bundled fonts (nothing fetched). Printed twice:
// the first printing tells on which page each chapter and slide starts (pdftotext), the second writes those pages into
// the table of contents, which takes the same room either way. Without pdftotext the contents have no page numbers.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { recordedLabel } from '../../../shared/run-text';
import { PALETTES, cssVariables } from '../../../styles/palette';
import { codeFontCss, woff2Source } from '../../deck/code-font';
import { readRecordings } from '../../rehearse/recordings';
import { PROJECT_ROOT } from '../../rehearse/slide-order';
import { loadSnippets } from '../../snippets/load';
import type { PrintOptions } from '../print-deck';
import { compact, pdfPages } from '../pdf-text';
import { launchSystemChromium } from '../system-chromium';
import { handoutChapters, handoutHtml, type HandoutChapter } from './handout-html';

const require = createRequire(import.meta.url);
const HERE = dirname(fileURLToPath(import.meta.url));
export const HANDOUT_TITLE = 'PostgreSQL Streaming Replication — interview handout';
/** the footer of every page, "<title> · 12 / 40", as pdftotext reads it (one line or two) */
export const HANDOUT_FOOTER = /^(PostgreSQL Streaming Replication — interview handout)?\s*(\d+ \/ \d+)?$/;

/** The deck's sans font (the weights the handout uses) and its cut code font, inlined. */
async function fontFaces(): Promise<string> {
  const files = join(dirname(require.resolve('@fontsource/atkinson-hyperlegible-next/package.json')), 'files');
  const faces = await Promise.all([[400, 'normal'], [400, 'italic'], [700, 'normal']].map(async ([weight, style]) => {
    const woff2 = await readFile(join(files, `atkinson-hyperlegible-next-latin-${weight}-${style}.woff2`));
    return `@font-face { font-family: 'Atkinson Hyperlegible Next'; font-style: ${style}; font-weight: ${weight}; src: ${woff2Source(woff2)}; }`;
  }));
  return `${faces.join('\n')}\n${await codeFontCss(join(PROJECT_ROOT, 'node_modules', '.cache', 'pgdemo-fonts'))}`;
}

/** The page (1-based) each chapter and slide starts on: its numbered heading's first page after the contents. */
export function entryPages(pages: string[], chapters: HandoutChapter[]): Map<string, number> {
  const entries = chapters.flatMap((c) => [c, ...c.slides]);
  const texts = pages.map(compact);
  const heading = (e: { number: string; title: string }) => compact(`${e.number} ${e.title}`);
  // the contents list every entry: they end on the page where the last entry is first named
  let page = texts.findIndex((t) => t.includes(heading(entries.at(-1)!))) + 1;
  const found = new Map<string, number>();
  for (const entry of entries) {
    const at = texts.findIndex((t, i) => i >= page && t.includes(heading(entry)));
    if (at < 0) continue;
    found.set(entry.id, at + 1);
    page = at;
  }
  return found;
}

export async function exportHandout(file: string, options: PrintOptions): Promise<void> {
  const [snippets, recordings] = await Promise.all([loadSnippets(), readRecordings()]);
  const chapters = await handoutChapters(snippets, recordings);
  const newest = [...recordings.values()].sort((a, b) => a.recordedAt.localeCompare(b.recordedAt)).at(-1);
  const palette = PALETTES[options.palette];
  const css = `:root { ${cssVariables(palette)} }\n${await fontFaces()}\n${await readFile(join(HERE, 'handout.css'), 'utf8')}`;
  const subtitle = `Every demo's scenario, each step's whole command and recorded output, the presenter notes and the answers${
    newest ? ` · ${recordedLabel(newest)}` : ''}`;
  const browser = await launchSystemChromium();
  try {
    const page = await browser.newPage();
    const print = async (pages?: ReadonlyMap<string, number>) => {
      await page.setContent(handoutHtml(chapters, { title: HANDOUT_TITLE, subtitle, css, pages }), { waitUntil: 'load' });
      await page.evaluate(() => document.fonts.ready);
      await page.pdf({
        path: file, format: options.paper, printBackground: true, tagged: true, outline: true,
        margin: { top: '16mm', bottom: '18mm', left: '16mm', right: '16mm' },
        displayHeaderFooter: true, headerTemplate: '<span></span>',
        footerTemplate: `<div style="width:100%;margin:0 16mm;font:8pt sans-serif;color:${palette.muted};display:flex;justify-content:space-between">`
          + `<span>${HANDOUT_TITLE}</span><span><span class="pageNumber"></span> / <span class="totalPages"></span></span></div>`,
      });
    };
    await print();
    const pages = pdfPages(file, { drop: HANDOUT_FOOTER, layout: true });
    if (pages) await print(entryPages(pages, chapters));
    else console.error('pdftotext (poppler-utils) is not installed: the handout\'s contents have no page numbers.');
  } finally {
    await browser.close();
  }
}
