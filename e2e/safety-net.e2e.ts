// The live talk's safety net (components/SafetyNet.vue): a block whose live run fails unlike its rehearsal, or runs
// past its budget, offers its recording; taken in the presenter view, the presenter and the audience views (separate
// browser contexts: nothing shared but the sidecar) both show the recording, marked as recorded, in the block's place,
// and the live run goes on or is cancelled as the presenter chooses. The failures are real: the primary stopped (a
// connection refused), the primary frozen (a psql that waits for it).
import { expect, test, type APIRequestContext, type Browser, type Page } from '@playwright/test';
import { block, screenshot, walkToBlock } from './support/deck';

const FAILS = 'demo6/04-in-flight-transactions'; // a one-row SELECT on the primary
const OVERRUNS = 'demo1/06-verify-consistency'; // a shell block, psql on each node: tens of ms when they answer

async function act(request: APIRequestContext, action: string, data: object = {}): Promise<void> {
  const answer = await request.post(`/api/cluster/${action}`, { data, timeout: 120_000 });
  expect(answer.ok(), `${action}: ${await answer.text()}`).toBe(true);
}

/** The audience view on the block's slide, and the presenter view of that slide: two browser contexts. */
async function views(browser: Browser, demo: string, id: string): Promise<{ audience: Page; presenter: Page }> {
  const audience = await (await browser.newContext()).newPage();
  await expect(await walkToBlock(audience, `/${demo}`, id)).toHaveCount(1);
  const presenter = await (await browser.newContext()).newPage();
  await presenter.goto(`/presenter/${new URL(audience.url()).pathname.replace(/^\//, '')}`);
  await expect(block(presenter, id)).toHaveCount(1);
  return { audience, presenter };
}

/** Both views show the block's recording in the live run's place, marked as recorded. */
async function showsRecording(pages: Page[], id: string, live: RegExp | string): Promise<void> {
  for (const page of pages) {
    const b = block(page, id);
    await expect(b).toHaveAttribute('data-instead-of-live', 'true');
    await expect(b).toHaveAttribute('data-recorded', 'true');
    await expect(b.locator('.run-block__recorded')).toHaveText(/^recorded \d{4}-\d\d-\d\d · PostgreSQL [\d.]+ · \w+$/);
    await expect(b.locator('.safety-net--shown')).toContainText('Recorded result');
    await expect(b.locator('.safety-net--shown')).toContainText(live);
  }
}

test.afterAll(async ({ request }) => {
  await act(request, 'reset'); // a healthy pair for the files after this one
});

test('a run that fails unlike its rehearsal offers the recording; taken, both views show it, marked', async ({ browser, request }) => {
  await act(request, 'reset');
  const { audience, presenter } = await views(browser, 'demo6', FAILS);
  await act(request, 'stop', { node: 'postgres-primary' });

  await block(presenter, FAILS).getByRole('button', { name: 'Run', exact: true }).click();
  for (const page of [presenter, audience]) {
    await expect(block(page, FAILS)).toHaveAttribute('data-state', 'error');
    await expect(block(page, FAILS).locator('.safety-net--offer')).toHaveAttribute('data-offer', 'failed');
    await expect(block(page, FAILS).locator('.safety-net--offer')).toContainText('in rehearsal: ok');
  }
  await screenshot(presenter, 'safety-net-failed-offer');
  const runId = await block(presenter, FAILS).getAttribute('data-run-id');

  await block(presenter, FAILS).getByRole('button', { name: 'Show the recording' }).click();
  await showsRecording([presenter, audience], FAILS, /\(failed: /);
  for (const page of [presenter, audience]) {
    await expect(block(page, FAILS).locator('.sql-result--table tbody tr')).toHaveCount(1); // the recorded row
    await expect(block(page, FAILS).locator('.safety-net--offer')).toHaveCount(0);
  }
  // the same run stands behind it: a view that loads now hears it from the sidecar's snapshot
  await audience.reload();
  await showsRecording([audience], FAILS, /\(failed: /);
  await expect(block(audience, FAILS)).toHaveAttribute('data-run-id', runId!);
  await screenshot(audience, 'safety-net-failed-audience');

  // back to the live run: its failure again, in both views
  await block(presenter, FAILS).getByRole('button', { name: 'Back to live' }).click();
  for (const page of [presenter, audience]) {
    await expect(block(page, FAILS)).not.toHaveAttribute('data-instead-of-live', 'true');
    await expect(block(page, FAILS)).toHaveAttribute('data-state', 'error');
  }
});

test('a run past its budget offers the recording (Ctrl+Shift+Enter); the live run goes on behind it until cancelled', async ({ browser, request }) => {
  await act(request, 'reset');
  const { audience, presenter } = await views(browser, 'demo1', OVERRUNS);
  await act(request, 'freeze', { node: 'postgres-primary' });
  try {
    await block(presenter, OVERRUNS).getByRole('button', { name: 'Run', exact: true }).click();
    for (const page of [presenter, audience]) {
      await expect(block(page, OVERRUNS)).toHaveAttribute('data-state', 'running');
      await expect(block(page, OVERRUNS).locator('.safety-net--offer')).toHaveAttribute('data-offer', 'overran', { timeout: 20_000 });
    }
    await expect(block(presenter, OVERRUNS).locator('.safety-net--offer')).toContainText('Running past its budget');
    await screenshot(presenter, 'safety-net-overrun-offer');

    await presenter.keyboard.press('Control+Shift+Enter');
    await showsRecording([presenter, audience], OVERRUNS, 'still running');
    for (const page of [presenter, audience]) {
      await expect(block(page, OVERRUNS).locator('.shell-output')).toContainText('100000'); // the recorded count
    }
    await screenshot(audience, 'safety-net-overrun-audience');
    await screenshot(presenter, 'safety-net-overrun-presenter');

    // the presenter's choice: cancel the live run; the recording stays, and says what became of the run
    await block(presenter, OVERRUNS).getByRole('button', { name: 'Cancel the live run' }).click();
    await showsRecording([presenter, audience], OVERRUNS, /\(failed: cancelled\)/);
  } finally {
    await act(request, 'thaw', { node: 'postgres-primary' });
  }
});
