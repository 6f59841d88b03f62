// `npm run export` and `npm run export:notes` on this machine, with no cluster and no sidecar anywhere: the PDF holds
// every slide, in the light palette, with the recorded results — and nothing a block recorded is hidden: no cue points
// to something the PDF lacks, what a slide cuts off follows it whole, and the lag charts draw the recorded lag. The
// notes hold every Q&A answer (here in the dark palette, on request), printed by a browser found where `npx playwright
// install chromium` puts it (CI cannot download Playwright's build: a Playwright folder whose executable is the
// system's Chromium stands in). Needs poppler-utils and a Chromium.
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { load } from '@slidev/parser/fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { figureValue } from '../../shared/figure-value';
import { PALETTES } from '../../styles/palette';
import { readRecordings } from '../rehearse/recordings';
import { PROJECT_ROOT } from '../rehearse/slide-order';
import { findBrowser, hostSearch, playwrightExecutables } from '../system/find-browser';
import { exportDeck } from './export-deck';
import { pageColour } from './page-colour';
import { compact, missingInOrder, pdfPages, recordedFragments } from './pdf-text';

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
const plain = (title: string) => title.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();
/** a cue that points to what only a screen has: scrolling, the full-screen view */
const SCREEN_CUE = /more (?:lines?|columns?) [↓→]|more to the right →|more above ↑|full screen/;
const CONTINUED = 'in full after this slide';

describe('the exported deck', () => {
  it('has every slide in order, light, with the recorded results, and nothing a block recorded hidden', async () => {
    const { file } = await exportDeck('slides', dir);
    const slides = await deckSlides();
    const pages = pdfPages(file)!;
    const recordings = await readRecordings();

    // every slide, in order: a continuation page only ever follows a slide that says it cut something off
    let at = 0;
    for (const slide of slides) {
      const title = compact(plain(/^#\s+(.+)$/m.exec(slide.content)?.[1] ?? ''));
      const page = pages.findIndex((p, i) => i >= at && compact(p).startsWith(title));
      expect(page, `the page of "${slide.title}"`).toBeGreaterThanOrEqual(at);
      at = page + 1;
    }
    pages.forEach((page, i) => {
      if (/^\s*continued from the slide before/.test(page)) expect(pages[i - 1]!.includes(CONTINUED) || /^\s*continued/.test(pages[i - 1]!), `page ${i + 1}`).toBe(true);
      if (page.includes(CONTINUED)) expect(pages[i + 1], `the page after page ${i + 1}`).toMatch(/^\s*continued from the slide before/);
    });
    expect(pages.filter((p) => SCREEN_CUE.test(p)).map((p) => SCREEN_CUE.exec(p)![0])).toEqual([]);
    expect(pages.length).toBeGreaterThan(slides.length); // Demo 2's dashboard alone runs on over pages of its own

    // whole: every column and line of the partition's primary view and of Demo 2's dashboard, and more. pdftotext reads
    // a slide's two blocks one after the other, a continuation's aligned columns only with -layout: either will do
    const all = compact(pages.join('\n'));
    const laidOut = compact(pdfPages(file, { layout: true })!.join('\n'));
    for (const id of ['demo1/07b-primary-view', 'demo2/01-monitoring-dashboard', 'demo1/05-resume-standby', 'demo4/04-standby-resources']) {
      const missing = [all, laidOut].map((text) => missingInOrder(text, recordedFragments(recordings.get(id)!.result)).missing);
      expect(missing.find((m) => m.length === 0) ?? missing[1], id).toEqual([]);
    }
    // figures only a recording holds, and where they come from
    const rowsPerSec = figureValue(recordings.get('demo2/04-throughput')!.result, { column: 'rows_per_sec' })!;
    const rto = figureValue(recordings.get('demo3/08-dr-report')!.result, { pattern: String.raw`RTO \(Recovery Time\):\s+(.+?)\s*║` })!;
    expect(all).toContain(compact(rowsPerSec));
    expect(all).toContain(compact(rto));
    const meta = recordings.get('demo1/04-wal-retention')!;
    expect(all).toContain(compact(`recorded ${meta.recordedAt.slice(0, 10)} · PostgreSQL ${meta.postgresVersion} · ${meta.backend}`));

    // the lag charts: each draws its recording and says so
    const pageFiles = (await readdir(join(PROJECT_ROOT, 'pages'))).filter((f) => f.endsWith('.md'));
    const charts = (await Promise.all(pageFiles.map((f) => readFile(join(PROJECT_ROOT, 'pages', f), 'utf8'))))
      .join('\n').match(/<LagChart\b/g)!.length;
    expect(all.match(/recorded\d{8}·PostgreSQL[\d.]+·\w+:(thisstepshaded|thewholedemo)·peak/g)).toHaveLength(charts);
    expect(all).not.toContain(compact('no live lag'));
    expect(all).not.toContain(compact('no recorded lag'));

    expect(all).not.toContain('sidecarnotconnected');
    expect(pages.join('\n')).not.toMatch(/\(run demo\d/); // a figure still waiting for its run
    // a block's bar ends with its Run button when there is one: "… 0.01 s Run"
    expect(text(file, '-layout').split('\n').filter((line) => /\b(Run|Cancel)\s*$/.test(line))).toEqual([]);
    expect(pageColour(file, 1)).toBe(PALETTES.light.background);
  }, 300_000);

  it('notes: the presenter notes with every Q&A slide\'s answer, in the dark palette when asked, on a browser found among Playwright\'s', async () => {
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
      exported = await exportDeck('notes', dir, { palette: 'dark' });
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
    expect(pageColour(file, 1)).toBe(PALETTES.dark.background);
  }, 300_000);
});
