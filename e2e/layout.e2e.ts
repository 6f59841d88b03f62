// The deck as the audience sees it at 1280×720: every slide and click after its demo's runs, checked for text under
// the floor, content cut off without a visible cue, and boxes drawn over each other. A screenshot of every slide lands
// in e2e/artifacts/layout/ (CI keeps e2e/artifacts/), the measured font sizes in layout/fonts.json. The runs are the
// ones the demo tests left in the sidecar (they also check each slide before its runs); a demo without any is run here.
import { expect, test, type Page } from '@playwright/test';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ARTIFACTS, resetTo, walkDemo } from './support/deck';
import { checkEverySlide, checkSlides, slidesShowing } from './support/layout';

const DEMOS = ['demo1', 'demo2', 'demo3', 'demo4', 'demo5', 'demo6', 'demo7', 'demo8'];

/** Demos some of whose blocks have no run in the sidecar yet (this file run alone, say). */
async function demosWithoutRuns(page: Page): Promise<string[]> {
  const last = await (await page.request.get('/api/runs/last')).json() as Record<string, unknown>;
  const snippets = await (await page.request.get('/api/snippets')).json() as { id: string }[];
  return DEMOS.filter((demo) => snippets.some((s) => s.id.startsWith(`${demo}/`) && !(s.id in last)));
}

test('every slide after its demo ran: readable from the back, nothing cut off, nothing overlapping', async ({ page }) => {
  test.setTimeout(30 * 60_000);
  for (const demo of await demosWithoutRuns(page)) await walkDemo(page, demo);

  const dir = join(ARTIFACTS, 'layout');
  const reports = await checkEverySlide(page, dir);
  writeFileSync(join(dir, 'fonts.json'), `${JSON.stringify(reports.map(({ slide, fonts, problems }) => ({ slide, fonts, problems })), null, 2)}\n`);
  const smallest: Record<string, number> = {};
  for (const { fonts } of reports) for (const [kind, px] of Object.entries(fonts)) smallest[kind] = Math.min(smallest[kind] ?? px, px);
  console.log(`${reports.length} slides and clicks; smallest text (px of the 980 px canvas): ${JSON.stringify(smallest)}`);
  expect(reports.length).toBeGreaterThan(60);
  const problems = reports.flatMap((r) => r.problems.map((p) => `${r.slide}: ${p.kind}: ${p.what}`));
  expect(problems).toEqual([]);
});

// Three nodes make the status bar two lines and the picture a fan or a chain of three: every slide that shows the
// picture or the chart, at each three-node topology and with the cascade's middle node frozen (the bar's longest
// labels), passes the same check. Screenshots in e2e/artifacts/layout-three-nodes/.
test('with three nodes, every slide with the topology picture or the lag chart: readable, nothing cut off, nothing overlapping', async ({ page, request }) => {
  test.setTimeout(10 * 60_000);
  const slides = await slidesShowing(page, '.topology, .lag-chart');
  expect(slides.length).toBeGreaterThan(10);
  const dir = join(ARTIFACTS, 'layout-three-nodes');
  const problems: string[] = [];
  const check = async (name: string) => {
    const reports = await checkSlides(page, slides, dir, name);
    problems.push(...reports.flatMap((r) => r.problems.map((p) => `${r.slide}: ${p.kind}: ${p.what}`)));
  };
  try {
    await resetTo(request, 'two-standbys');
    await check('two-standbys');
    await resetTo(request, 'cascade');
    await check('cascade');
    expect((await request.post('/api/cluster/freeze', { data: { node: 'postgres-standby' } })).ok()).toBe(true);
    await check('cascade-frozen-middle');
  } finally {
    await resetTo(request, 'pair');
  }
  console.log(`${slides.length} slides with the picture or the chart, at 3 three-node states`);
  expect(problems).toEqual([]);
});
