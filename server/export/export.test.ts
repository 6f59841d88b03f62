// `npm run export` and `npm run export:notes` on this machine, with no cluster and no sidecar anywhere: the PDF holds a
// page per slide and the recorded results (a figure only a recording holds), and nothing that asks for a live
// sidecar; the notes hold every Q&A answer. Needs poppler-utils (pdfinfo, pdftotext) and a Chromium: the slides export
// takes the one found here (Debian's in CI), the notes export one found where `npx playwright install chromium` puts it
// (CI cannot download Playwright's build: a Playwright folder whose executable is the system's Chromium stands in).
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { load } from '@slidev/parser/fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { figureValue } from '../../shared/figure-value';
import { readRecordings } from '../rehearse/recordings';
import { PROJECT_ROOT } from '../rehearse/slide-order';
import { findBrowser, hostSearch, playwrightExecutables } from '../system/find-browser';
import { exportDeck } from './export-deck';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pgdemo-export-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The deck's slides as Slidev reads them (a hidden or disabled slide has no page). */
const deckSlides = async () => (await load({ roots: [PROJECT_ROOT], userRoot: PROJECT_ROOT }, join(PROJECT_ROOT, 'slides.md'))).slides
  .filter((s) => !s.frontmatter?.hide && !s.frontmatter?.disabled);
const text = (pdf: string, ...args: string[]) => execFileSync('pdftotext', [...args, pdf, '-'], { encoding: 'utf8' });
const pages = (pdf: string) => Number(/^Pages:\s+(\d+)$/m.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))?.[1]);

describe('the exported deck', () => {
  it('has a page per slide, each block\'s recorded result and no Run button or "sidecar not connected"', async () => {
    const { file } = await exportDeck('slides', dir);
    expect(pages(file)).toBe((await deckSlides()).length);

    const recordings = await readRecordings();
    const pdf = text(file);
    // figures only a recording holds: a block's result and a summary figure computed from it
    const rowsPerSec = figureValue(recordings.get('demo2/04-throughput')!.result, { column: 'rows_per_sec' })!;
    const rto = figureValue(recordings.get('demo3/08-dr-report')!.result, { pattern: String.raw`RTO \(Recovery Time\):\s+(.+?)\s*║` })!;
    expect(pdf).toContain(rowsPerSec);
    expect(pdf).toContain(rto);
    const meta = recordings.get('demo1/04-wal-retention')!;
    expect(pdf).toContain(`recorded ${meta.recordedAt.slice(0, 10)} · PostgreSQL ${meta.postgresVersion} · ${meta.backend}`);

    expect(pdf).not.toContain('sidecar not connected');
    expect(pdf).not.toMatch(/\(run demo\d/); // a figure still waiting for its run
    // a block's bar ends with its Run button when there is one: "… 0.01 s Run"
    expect(text(file, '-layout').split('\n').filter((line) => /\b(Run|Cancel)\s*$/.test(line))).toEqual([]);
  }, 300_000);

  it('notes: the presenter notes with every Q&A slide\'s answer, on a browser found among Playwright\'s', async () => {
    const system = findBrowser();
    const installed = join(dir, 'ms-playwright');
    const executable = join(installed, `chromium-${hostSearch().revision}`, ...playwrightExecutables('chromium', process.platform, process.arch)[0]!);
    await mkdir(join(executable, '..'), { recursive: true });
    await symlink(system.path, executable);
    const saved = { PLAYWRIGHT_BROWSERS_PATH: process.env.PLAYWRIGHT_BROWSERS_PATH, CHROMIUM_PATH: process.env.CHROMIUM_PATH };
    process.env.PLAYWRIGHT_BROWSERS_PATH = installed;
    delete process.env.CHROMIUM_PATH;
    let exported;
    try {
      exported = await exportDeck('notes', dir);
    } finally {
      for (const [name, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    }
    expect(exported.browser).toMatchObject({ path: executable, source: 'playwright' });
    const { file } = exported;
    const notes = text(file);
    const questions = (await deckSlides()).filter((s) => /^Q:/.test(s.title ?? ''));
    expect(questions.length).toBeGreaterThan(5);
    expect(notes.match(/Answer \(on the slide, revealed on click\)/g)).toHaveLength(questions.length);
    expect(notes).toContain('max_slot_wal_keep_size'); // from Demo 1's first answer
    expect(notes).not.toMatch(/<span class=/); // titles without their markup
  }, 300_000);
});
