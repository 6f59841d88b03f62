// Slidev mounts every slide of the deck a few seconds after the first one shows, and hides all but the current one.
// What redraws on each status snapshot (~4 Hz) does so only where it is seen, and is current the moment its slide shows:
// no stale picture on arrival, no main-thread work for slides nobody sees.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { nextSlide } from './support/deck';

/** each lag chart's redraw count and each status bar's snapshot time, in document order */
const charts = (page: Page) => page.locator('.lag-chart').evaluateAll((all) => all.map((c) => Number((c as HTMLElement).dataset.updates)));
const visibleIndex = (all: Locator) => all.evaluateAll((els) => els.findIndex((e) => (e as HTMLElement).offsetParent !== null));

test('charts and status bars on hidden slides do not redraw; a slide shows the live status as soon as it is shown', async ({ page }) => {
  await page.goto('/demo1');
  await nextSlide(page); // Step 1: a block and the lag chart
  await expect(page.locator('.lag-chart:visible')).toHaveCount(1);
  // every chart of the deck mounted (10 of them today), not just this slide's
  await expect.poll(() => page.locator('.lag-chart').count(), { timeout: 20_000 }).toBeGreaterThan(3);
  const shown = await visibleIndex(page.locator('.lag-chart'));
  const before = await charts(page);
  await page.waitForTimeout(2000); // ~8 snapshots
  const after = await charts(page);
  expect(after[shown]! - before[shown]!).toBeGreaterThanOrEqual(4);
  after.forEach((count, i) => { if (i !== shown) expect(count, `hidden chart ${i} redrew`).toBe(before[i]); });

  // a hidden status bar keeps the snapshot it had when mounted (2 s and more ago); only the shown one is at the clock
  const liveTime = await page.locator('.status-bar:visible .status-bar__time').textContent();
  const bars = await page.locator('.status-bar__time').allTextContents();
  expect(bars.length).toBeGreaterThan(10);
  expect(bars.filter((t) => t === liveTime), `status bars at ${liveTime}: ${bars.join(' ')}`).toHaveLength(1);

  // the next slides: each shows the live snapshot on arrival (hidden, their bars were seconds behind)
  for (let step = 0; step < 2; step++) {
    await nextSlide(page);
    const bar = page.locator('.status-bar:visible .status-bar__time');
    await expect(bar).toHaveCount(1);
    // within a snapshot or two of the page's own clock (the feed reads ~4 times a second)
    await expect.poll(() => bar.evaluate((el) => {
      const [h, m, s] = (el.textContent ?? '').split(':').map(Number);
      const now = new Date();
      return (now.getHours() * 3600 + now.getMinutes() * 60 + now.getSeconds()) - (h! * 3600 + m! * 60 + s!);
    }), { timeout: 1000 }).toBeLessThanOrEqual(1);
  }
});
