// A click's run goes over the page's WebSocket (composables/runSocket.ts). When that socket closes before the answer
// (the deck server went away, or restarted), the block says so at once and the next Run works: it must not stay
// "running" waiting for an announcement that a gone sidecar never sends. The socket here is the real one to the
// sidecar, except for the first connection, which Playwright's WebSocket route closes as the run message arrives.
import { expect, test } from '@playwright/test';
import { block, screenshot, walkToBlock } from './support/deck';

const ID = 'demo6/04-in-flight-transactions'; // a one-row SELECT

test('a run whose socket closes before the answer says so, and the next Run gets its result', async ({ page, request }) => {
  // a healthy pair, whatever the files before left (demo 7 crashes the primary): these runs must succeed
  expect((await request.post('/api/cluster/reset', { data: {} })).ok()).toBe(true);
  let closedOne = false;
  await page.routeWebSocket(/\/api\/run\/socket$/, (ws) => {
    if (closedOne) {
      ws.connectToServer(); // from now on: the sidecar's own socket, messages passed both ways
      return;
    }
    ws.onMessage(() => {
      closedOne = true;
      void ws.close({ code: 1001, reason: 'going away' });
    });
  });
  await walkToBlock(page, '/demo6', ID);
  const run = block(page, ID).getByRole('button', { name: 'Run', exact: true });

  await run.click();
  await expect(block(page, ID)).toHaveAttribute('data-state', 'error', { timeout: 5_000 });
  await expect(block(page, ID).locator('.run-result__failure')).toContainText('closed before the run answered');
  expect(closedOne).toBe(true);
  await screenshot(page, 'run-socket-closed');

  // the page opens a new socket a second later; until then a Run goes by POST: either way it gets its table
  await run.click();
  await expect(block(page, ID)).toHaveAttribute('data-state', 'done');
  await expect(block(page, ID).locator('.sql-result--table tbody tr')).toHaveCount(1);
});

test('a socket that closes after handing the run over: the result still comes, by the events stream, and replaces the failure', async ({ page }) => {
  let handedOver = false;
  await page.routeWebSocket(/\/api\/run\/socket$/, (ws) => {
    const server = ws.connectToServer();
    if (handedOver) return;
    ws.onMessage((message) => {
      handedOver = true;
      void ws.close({ code: 1001, reason: 'going away' });
      // the page has said "closed" by the time the sidecar gets the run: its result can only come by the events stream
      setTimeout(() => server.send(message), 300);
    });
  });
  await walkToBlock(page, '/demo6', ID);
  const before = await block(page, ID).getAttribute('data-run-id');

  await block(page, ID).getByRole('button', { name: 'Run', exact: true }).click();
  await expect(block(page, ID).locator('.run-result__failure')).toContainText('closed before the run answered');
  await expect(block(page, ID)).toHaveAttribute('data-state', 'done');
  await expect(block(page, ID)).not.toHaveAttribute('data-run-id', before ?? '');
  await expect(block(page, ID).locator('.sql-result--table tbody tr')).toHaveCount(1);
  await expect(block(page, ID).locator('.run-result__failure')).toHaveCount(0);
});

test('a socket that closes after the events stream brought the result: the result stands', async ({ page }) => {
  let lostOne = false;
  await page.routeWebSocket(/\/api\/run\/socket$/, (ws) => {
    const server = ws.connectToServer();
    if (lostOne) return;
    // the page's messages go to the sidecar as usual; its first answer is lost, and the socket closes later
    server.onMessage(() => {
      lostOne = true;
      setTimeout(() => void ws.close({ code: 1001, reason: 'going away' }), 500);
    });
  });
  await walkToBlock(page, '/demo6', ID);
  const before = await block(page, ID).getAttribute('data-run-id');

  await block(page, ID).getByRole('button', { name: 'Run', exact: true }).click();
  await expect(block(page, ID)).toHaveAttribute('data-state', 'done');
  await expect(block(page, ID)).not.toHaveAttribute('data-run-id', before ?? '');
  await expect.poll(() => lostOne).toBe(true);
  await page.waitForTimeout(1_000); // the socket has closed under the asked run by now
  await expect(block(page, ID)).toHaveAttribute('data-state', 'done');
  await expect(block(page, ID).locator('.sql-result--table tbody tr')).toHaveCount(1);
  await expect(block(page, ID).locator('.run-result__failure')).toHaveCount(0);
});

test('a socket that closes under a long run the sidecar goes on with: "interrupted", then its result replaces that', async ({ page }) => {
  const LONG = 'demo2/01-monitoring-dashboard'; // a few rounds of `watch -n 1`: seconds long, changes nothing of the pair
  let first = true;
  await page.routeWebSocket(/\/api\/run\/socket$/, (ws) => {
    const server = ws.connectToServer();
    if (!first) return;
    first = false;
    ws.onMessage((message) => {
      server.send(message);
      // the page's side closes once the events stream has announced the run; the sidecar's side stays
      setTimeout(() => void ws.close({ code: 1001, reason: 'going away' }), 400);
    });
  });
  await walkToBlock(page, '/demo2', LONG);

  await block(page, LONG).getByRole('button', { name: 'Run', exact: true }).click();
  await expect(block(page, LONG)).toHaveAttribute('data-interrupted', 'true');
  await expect(block(page, LONG).locator('.run-result__failure')).toContainText('Interrupted');
  // the run ends in the sidecar all the same, and the events stream brings its result: the whole truth, no "interrupted"
  const runId = await block(page, LONG).getAttribute('data-run-id');
  await expect(block(page, LONG)).toHaveAttribute('data-state', 'done', { timeout: 30_000 });
  await expect(block(page, LONG)).toHaveAttribute('data-run-id', runId!);
  await expect(block(page, LONG)).not.toHaveAttribute('data-interrupted', 'true');
  await expect(block(page, LONG).locator('.run-result__failure')).toHaveCount(0);
});
