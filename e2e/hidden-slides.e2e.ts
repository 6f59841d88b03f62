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

  // the next slides: each shows the live snapshot in its very first frame (hidden, their bars were seconds behind)
  for (let step = 0; step < 2; step++) {
    await expect(page.locator('.slidev-page h1:visible').first()).toBeVisible();
    const before = page.url();
    // each frame from the key press on: the shown bar's time, until a bar of another slide shows
    const firstFrame = page.evaluate(() => new Promise<{ shown: string; lagSeconds: number }>((resolve) => {
      const shownBar = () => [...document.querySelectorAll<HTMLElement>('.status-bar')].find((b) => b.offsetParent !== null);
      const start = shownBar()?.closest('.slidev-page');
      const frame = () => {
        const bar = shownBar();
        if (bar && bar.closest('.slidev-page') !== start) {
          const shown = bar.querySelector('.status-bar__time')?.textContent ?? '';
          const [h, m, s] = shown.split(':').map(Number);
          const now = new Date();
          resolve({ shown, lagSeconds: (now.getHours() * 3600 + now.getMinutes() * 60 + now.getSeconds()) - (h! * 3600 + m! * 60 + s!) });
        } else requestAnimationFrame(frame);
      };
      requestAnimationFrame(frame);
    }));
    await page.keyboard.press('ArrowRight');
    await page.waitForURL((u) => u.toString() !== before, { timeout: 10_000 });
    const { shown, lagSeconds } = await firstFrame;
    expect(lagSeconds, `the first frame of the next slide showed ${shown}`).toBeLessThanOrEqual(1);
  }
});
