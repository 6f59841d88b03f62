// The deck as the audience sees it at 1280×720: every slide and click, before and after its demo's runs, checked for
// text under the floor, content cut off without a visible cue, and boxes drawn over each other. A screenshot of every
// slide lands in e2e/artifacts/layout/ (CI keeps e2e/artifacts/), the measured font sizes in layout/fonts.json.
import { expect, test } from '@playwright/test';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ARTIFACTS, walkDemo } from './support/deck';
import { checkEverySlide, measureSlide, settle, type LayoutProblem } from './support/layout';

const DEMOS = ['demo1', 'demo2', 'demo3', 'demo4', 'demo5', 'demo6'];

test('every slide after its demo ran: readable from the back, nothing cut off, nothing overlapping', async ({ page }) => {
  test.setTimeout(30 * 60_000);
  const beforeRuns: (LayoutProblem & { slide: string })[] = [];
  for (const demo of DEMOS) {
    await walkDemo(page, demo, {}, async () => {
      await settle(page);
      const { problems } = await measureSlide(page);
      beforeRuns.push(...problems.map((p) => ({ ...p, slide: new URL(page.url()).pathname })));
    });
  }

  const dir = join(ARTIFACTS, 'layout');
  const reports = await checkEverySlide(page, dir);
  writeFileSync(join(dir, 'fonts.json'), `${JSON.stringify(reports.map(({ slide, fonts, problems }) => ({ slide, fonts, problems })), null, 2)}\n`);
  const smallest: Record<string, number> = {};
  for (const { fonts } of reports) for (const [kind, px] of Object.entries(fonts)) smallest[kind] = Math.min(smallest[kind] ?? px, px);
  console.log(`${reports.length} slides and clicks; smallest text (px of the 980 px canvas): ${JSON.stringify(smallest)}`);
  expect(reports.length).toBeGreaterThan(60);
  const problems = reports.flatMap((r) => r.problems.map((p) => `${r.slide}: ${p.kind}: ${p.what}`));
  expect.soft(beforeRuns.map((p) => `${p.slide} (before its runs): ${p.kind}: ${p.what}`)).toEqual([]);
  expect(problems).toEqual([]);
});
