// The deck as the audience sees it at 1280×720: every slide and click after its demo's runs, checked for text under
// the floor, content cut off without a visible cue, and boxes drawn over each other. A screenshot of every slide lands
// in e2e/artifacts/layout/ (CI keeps e2e/artifacts/), the measured font sizes in layout/fonts.json. The runs are the
// ones the demo tests left in the sidecar (they also check each slide before its runs); a demo without any is run here.
import { expect, test, type Page } from '@playwright/test';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ARTIFACTS, walkDemo } from './support/deck';
import { checkEverySlide } from './support/layout';

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
