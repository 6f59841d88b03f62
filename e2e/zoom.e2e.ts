// A click on a result opens it full-screen at a size the room can read, Esc closes it — in the audience view and the
// presenter view alike, and the other window (same browser: Slidev's sync) follows, so the projector shows it too.
import { expect, test, type Page } from '@playwright/test';
import { block, nextSlide, runBlock, screenshot } from './support/deck';

const ID = 'demo1/01-healthy-state';
const dialog = (page: Page) => page.getByRole('dialog');

/** the smallest font size (px of the viewport) of the table text in the full-screen view */
const smallestText = (page: Page) => dialog(page).locator('th, td').evaluateAll((cells) =>
  Math.min(...cells.map((c) => parseFloat(getComputedStyle(c).fontSize))));

test('a result opens full-screen on a click and closes on Esc, in both views, the other view following', async ({ context, request }) => {
  expect((await request.post('/api/cluster/reset', { data: {} })).ok()).toBe(true);
  const audience = await context.newPage();
  await audience.goto('/demo1');
  await nextSlide(audience);
  await runBlock(audience, ID);
  const presenter = await context.newPage();
  await presenter.goto(`/presenter/${new URL(audience.url()).pathname.replace(/^\//, '')}`);
  await expect(block(presenter, ID).first()).toBeVisible();

  await block(audience, ID).locator('.run-result').click();
  await expect(dialog(audience)).toBeVisible();
  expect(await smallestText(audience)).toBeGreaterThanOrEqual(18);
  const box = await dialog(audience).boundingBox();
  expect(box!.width).toBeGreaterThanOrEqual(1270);
  await expect(dialog(presenter)).toBeVisible();
  await screenshot(audience, 'zoom-audience');
  await audience.keyboard.press('Escape');
  await expect(dialog(audience)).toHaveCount(0);
  await expect(dialog(presenter)).toHaveCount(0);
  // Esc closed the view, it did not move the talk on
  await expect(block(audience, ID)).toHaveCount(1);

  await block(presenter, ID).first().locator('.run-result').click();
  await expect(dialog(presenter)).toBeVisible();
  expect(await smallestText(presenter)).toBeGreaterThanOrEqual(18);
  await expect(dialog(audience)).toBeVisible();
  await screenshot(presenter, 'zoom-presenter');
  await presenter.keyboard.press('Escape');
  await expect(dialog(presenter)).toHaveCount(0);
  await expect(dialog(audience)).toHaveCount(0);
});
