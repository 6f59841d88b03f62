// Runs belong to the sidecar: a run started in the presenter view shows in the audience view (another browser
// context, so nothing is shared in the browser), a reload shows it again, and Cancel works from either view.
import { expect, test, type Browser, type Page } from '@playwright/test';
import { block, screenshot, walkToBlock } from './support/deck';

/** An audience view (its own browser context) on the slide that holds block `id`, walking there from the demo's start. */
async function audienceAt(browser: Browser, demo: string, id: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await expect(await walkToBlock(page, `/${demo}`, id)).toHaveCount(1);
  return page;
}

/** The presenter view of the slide an audience page shows, in another browser context. */
async function presenterOf(browser: Browser, audience: Page, id: string): Promise<Page> {
  const no = new URL(audience.url()).pathname.replace(/^\//, '');
  const page = await (await browser.newContext()).newPage();
  await page.goto(`/presenter/${no}`);
  await expect(block(page, id).first()).toBeVisible();
  return page;
}

test('a run started in the presenter view appears in the audience view, survives a reload, and can be cancelled', async ({ browser, request }) => {
  expect((await request.post('/api/cluster/reset', { data: {} })).ok()).toBe(true);

  // demo 3 step 7 before step 1: the table does not exist yet, a real PostgreSQL error
  const failing = 'demo3/07-data-integrity';
  const audience = await audienceAt(browser, 'demo3', failing);
  const presenter = await presenterOf(browser, audience, failing);
  await block(presenter, failing).locator('.run-block__code').focus();
  await presenter.keyboard.press('Control+Enter');
  for (const page of [presenter, audience]) {
    await expect(block(page, failing)).toHaveAttribute('data-state', 'error');
    await expect(block(page, failing).locator('[data-sqlstate="42P01"]')).toContainText('relation "orders" does not exist');
    await expect(block(page, failing).locator('.sql-error__where')).toContainText('LINE');
  }
  const runId = await block(presenter, failing).getAttribute('data-run-id');
  expect(runId).toBeTruthy();
  await expect(block(audience, failing)).toHaveAttribute('data-run-id', runId!);
  await audience.reload();
  await expect(block(audience, failing)).toHaveAttribute('data-run-id', runId!);
  await expect(block(audience, failing).locator('[data-sqlstate="42P01"]')).toBeVisible();
  await screenshot(audience, 'shared-run-error-after-reload');

  // a long shell run: its lines stream into both views; Cancel in the presenter view stops it for everyone
  const long = 'demo2/05-sustained-load';
  const audience2 = await audienceAt(browser, 'demo2', long);
  const presenter2 = await presenterOf(browser, audience2, long);
  await block(audience2, long).getByRole('button', { name: 'Run', exact: true }).click();
  for (const page of [presenter2, audience2]) {
    await expect(block(page, long)).toHaveAttribute('data-state', 'running');
    await expect(block(page, long).locator('.shell-output__line', { hasText: 'Batch 2 completed' })).toHaveCount(1);
  }
  await block(presenter2, long).getByRole('button', { name: 'Cancel' }).click();
  for (const page of [presenter2, audience2]) {
    await expect(block(page, long)).toHaveAttribute('data-state', 'error');
    await expect(block(page, long).locator('.run-result__exit')).toHaveText('cancelled');
    expect(await block(page, long).locator('.shell-output__line', { hasText: /^Batch \d+ completed$/ }).count()).toBeLessThan(60);
  }
});
