// `npm run export:handout`: a document, not slides — A4 (or Letter) pages, numbered, a table of contents whose pages
// are right, and its text holds every block's whole command and whole recorded output (recordings/), in reading
// order, every slide's presenter notes and every Q&A answer. Needs poppler-utils and the system Chromium.
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PALETTES } from '../../styles/palette';
import { readRecordings } from '../rehearse/recordings';
import { blocksInSlideOrder } from '../rehearse/slide-order';
import { loadSnippets } from '../snippets/load';
import { exportDeck } from './export-deck';
import { HANDOUT_FOOTER } from './handout/export-handout';
import { handoutChapters } from './handout/handout-html';
import { pageColour } from './page-colour';
import { compact, missingInOrder, pdfPages, recordedFragments } from './pdf-text';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pgdemo-handout-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** on the cover, below its title: the page's colour */
const ABOVE_THE_FOOTER = { x: 0.5, y: 0.85 };
const pageSize = (pdf: string) => /^Page size:\s+(.+)$/m.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))?.[1];
/** Words only: Markdown's marks and the layout's breaks do not count. */
const words = (text: string) => text.replace(/[^A-Za-z0-9]+/g, '');
/** The first words of a Markdown text as the page shows them: links as their text, no tags. */
const opening = (markdown: string) => words(markdown.replace(/\]\([^)]*\)/g, ']').replace(/<[^>]+>/g, ' ')).slice(0, 40);

describe('the handout', () => {
  it('holds every block\'s whole command and recorded output, the notes and the answers, in reading order, numbered A4 pages with right contents', async () => {
    const { file } = await exportDeck('handout', dir);
    expect(pageSize(file)).toMatch(/\(A4\)/);
    const pages = pdfPages(file, { drop: HANDOUT_FOOTER, layout: true })!;
    const raw = pdfPages(file, { layout: true })!;
    raw.forEach((page, i) => expect(page, `page ${i + 1}'s number`).toMatch(new RegExp(`\\b${i + 1} / ${raw.length}\\s*$`)));

    // every block, in slide order: its title, its whole command, its whole recorded output
    const [snippets, recordings] = await Promise.all([loadSnippets(), readRecordings()]);
    const text = compact(pages.join('\n'));
    let at = 0;
    for (const id of await blocksInSlideOrder()) {
      const snippet = snippets.get(id)!;
      const command = missingInOrder(text, [[[snippet.title, ...snippet.text.split('\n').filter((l) => l.trim())]]], at);
      expect(command.missing, `${id}: its command`).toEqual([]);
      const output = missingInOrder(text, recordedFragments(recordings.get(id)!.result), command.end);
      expect(output.missing, `${id}: its recorded output`).toEqual([]);
      at = output.end;
    }

    // the notes under their slides and the answers on theirs, in order; and each contents entry's page is its own
    const chapters = await handoutChapters(snippets, recordings);
    const slides = chapters.flatMap((c) => c.slides);
    const all = words(pages.join('\n'));
    let from = 0;
    for (const slide of slides) {
      const start = all.indexOf(words(`${slide.number} ${slide.title}`), from);
      expect(start, `${slide.number} ${slide.title}`).toBeGreaterThan(from - 1);
      for (const part of [slide.answer, slide.note].filter((p): p is string => Boolean(p))) expect(all.indexOf(opening(part), start), `${slide.title}: ${part.slice(0, 40)}`).toBeGreaterThan(start);
      from = start;
    }
    expect(slides.filter((s) => s.answer).length).toBeGreaterThan(5);
    // the contents, a line per entry: "2.6  Step 5 · Resume standby (network restored)   8"
    const firstChapter = pages.findIndex((p) => new RegExp(`^\\s*1\\s+${chapters[0]!.title}\\s*$`, 'm').test(p));
    const listed = new Map(pages.slice(0, firstChapter).join('\n').split('\n')
      .flatMap((line) => /^\s*(\d+(?:\.\d+)?)\s+\S.*?\s(\d+)\s*$/.exec(line) ?? []).reduce<[string, number][]>((out, m, i, all) =>
        (i % 3 === 0 ? [...out, [all[i + 1]!, Number(all[i + 2])]] : out), []));
    for (const entry of chapters.flatMap((c) => [c, ...c.slides])) {
      const page = listed.get(entry.number);
      expect(compact(pages[(page ?? 0) - 1] ?? ''), `contents: ${entry.number} ${entry.title} on page ${page}`).toContain(compact(`${entry.number} ${entry.title}`));
    }
    expect(pageColour(file, 1, ABOVE_THE_FOOTER)).toBe(PALETTES.light.background);
  }, 120_000);

  it('on Letter pages, in the dark palette, when asked', async () => {
    const { file } = await exportDeck('handout', dir, { paper: 'Letter', palette: 'dark' });
    expect(pageSize(file)).toMatch(/\(letter\)/i);
    // the page's own colour (Chromium leaves the page's margins, where the footer is, unpainted)
    expect(pageColour(file, 1, ABOVE_THE_FOOTER)).toBe(PALETTES.dark.background);
  }, 120_000);
});
