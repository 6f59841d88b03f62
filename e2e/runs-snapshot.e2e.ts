// A page learns the runs from the snapshot its channel sends first on each connection, then from the events. The one
// ordered channel makes a late snapshot impossible; the page's rule (only newer news is applied, by the sidecar's
// sequence numbers) must hold even so: below, the snapshot is held back while a run starts, and then let through.
import { expect, test } from '@playwright/test';
import { block, runBlock, walkToBlock } from './support/deck';

const LONG = 'demo2/01-monitoring-dashboard'; // a few rounds of `watch -n 1`: seconds long, changes nothing of the pair
const QUICK = 'demo6/04-in-flight-transactions'; // a one-row SELECT

test('a page opened elsewhere in the demo shows the last run of a block once it walks to it', async ({ page, browser }) => {
  const runner = await (await browser.newContext()).newPage();
  await walkToBlock(runner, '/demo6', QUICK);
  const runId = await (await runBlock(runner, QUICK)).getAttribute('data-run-id');
  // the demo's title slide: its status bar opens the channel, whose snapshot holds the run
  await page.goto('/demo6');
  await expect(page.locator('.status-bar:visible')).toHaveAttribute('data-stale', 'false');
  await walkToBlock(page, page.url(), QUICK);
  await expect(block(page, QUICK)).toHaveAttribute('data-run-id', runId!);
  await expect(block(page, QUICK).locator('.sql-result--table tbody tr')).toHaveCount(1);
});

test('a snapshot of the runs delivered late does not call a run that started meanwhile "interrupted"', async ({ page, request }) => {
  expect((await request.post('/api/cluster/reset', { data: {} })).ok()).toBe(true); // a healthy pair to run on
  let release!: () => void;
  const held = new Promise<void>((resolve) => { release = resolve; });
  let heldOne = false;
  await page.routeWebSocket(/\/api\/channel$/, (ws) => {
    const server = ws.connectToServer();
    server.onMessage((message) => {
      // the first connection's snapshot (the runs as they are now, before the Run below) waits; the rest passes
      if (!heldOne && (JSON.parse(String(message)) as { type: string }).type === 'snapshot') {
        heldOne = true;
        void held.then(() => ws.send(message));
        return;
      }
      ws.send(message);
    });
  });
  await walkToBlock(page, '/demo2', LONG);
  await expect.poll(() => heldOne).toBe(true);

  await block(page, LONG).getByRole('button', { name: 'Run', exact: true }).click();
  await expect(block(page, LONG)).toHaveAttribute('data-state', 'running');
  await expect(block(page, LONG)).not.toHaveAttribute('data-run-id', '');
  const runId = await block(page, LONG).getAttribute('data-run-id');

  release(); // the snapshot lands now: it knows nothing of this run
  await page.waitForTimeout(1_000);
  await expect(block(page, LONG)).toHaveAttribute('data-state', 'running');
  await expect(block(page, LONG)).toHaveAttribute('data-run-id', runId!);
  await expect(block(page, LONG)).not.toHaveAttribute('data-interrupted', 'true');
  await expect(block(page, LONG)).toHaveAttribute('data-state', 'done', { timeout: 30_000 });
  await expect(block(page, LONG)).toHaveAttribute('data-run-id', runId!);
});
