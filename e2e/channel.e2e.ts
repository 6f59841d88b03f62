// A click's run goes over the page's one channel to the sidecar (composables/sidecarChannel.ts), which also brings its
// events. When that channel closes under a run (the deck server went away, or restarted), the block says so at once and
// the next Run works: it must not stay "running" waiting for news a gone sidecar never sends; and what the sidecar did
// meanwhile shows once the page has reconnected. The channel here is the real one to the sidecar, with Playwright's
// WebSocket route closing (or holding back) parts of its first connection.
import { expect, test, type Page, type WebSocketRoute } from '@playwright/test';
import { block, screenshot, walkToBlock } from './support/deck';

const ID = 'demo6/04-in-flight-transactions'; // a one-row SELECT

/** The page's channel to the real sidecar, every connection; `meddle` is handed the first one's two sides. */
async function meddleWithFirstChannel(page: Page, meddle: (pageSide: WebSocketRoute, sidecarSide: WebSocketRoute) => void): Promise<void> {
  let connections = 0;
  await page.routeWebSocket(/\/api\/channel$/, (ws) => {
    const server = ws.connectToServer();
    if (++connections === 1) meddle(ws, server);
  });
}

/** The block shows the table of a run newer than `before`, and no failure. */
async function expectNewTable(page: Page, before: string | null): Promise<void> {
  await expect(block(page, ID)).toHaveAttribute('data-state', 'done');
  await expect(block(page, ID)).not.toHaveAttribute('data-run-id', before ?? '');
  await expect(block(page, ID).locator('.sql-result--table tbody tr')).toHaveCount(1);
  await expect(block(page, ID).locator('.run-result__failure')).toHaveCount(0);
}

test('a run whose socket closes before the answer says so, and the next Run gets its result', async ({ page, request }) => {
  // a healthy pair, whatever the files before left (demo 7 crashes the primary): these runs must succeed
  expect((await request.post('/api/cluster/reset', { data: {} })).ok()).toBe(true);
  let closedOne = false;
  await page.routeWebSocket(/\/api\/channel$/, (ws) => {
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
  await screenshot(page, 'channel-closed');

  // the page opens a new channel a second later, or at once for this Run: either way it gets its table
  await run.click();
  await expect(block(page, ID)).toHaveAttribute('data-state', 'done');
  await expect(block(page, ID).locator('.sql-result--table tbody tr')).toHaveCount(1);
});

test('a channel that closes after handing the run over: the result still comes, once reconnected, and replaces the failure', async ({ page }) => {
  await meddleWithFirstChannel(page, (ws, server) => ws.onMessage((message) => {
    void ws.close({ code: 1001, reason: 'going away' });
    // the page has said "closed" by the time the sidecar gets the run: its result can only come by the next connection
    setTimeout(() => server.send(message), 300);
  }));
  await walkToBlock(page, '/demo6', ID);
  const before = await block(page, ID).getAttribute('data-run-id');

  await block(page, ID).getByRole('button', { name: 'Run', exact: true }).click();
  await expect(block(page, ID).locator('.run-result__failure')).toContainText('closed before the run answered');
  await expectNewTable(page, before);
});

test('a channel that closes after the run\'s result came, its reply lost: the result stands', async ({ page }) => {
  let lostOne = false;
  // the page's messages go to the sidecar and the sidecar's to the page as usual, but the first reply to a request is
  // lost, and the channel closes later
  await meddleWithFirstChannel(page, (ws, server) => server.onMessage((message) => {
    if (lostOne || (JSON.parse(String(message)) as { type: string }).type !== 'reply') {
      ws.send(message);
      return;
    }
    lostOne = true;
    setTimeout(() => void ws.close({ code: 1001, reason: 'going away' }), 500);
  }));
  await walkToBlock(page, '/demo6', ID);
  const before = await block(page, ID).getAttribute('data-run-id');

  await block(page, ID).getByRole('button', { name: 'Run', exact: true }).click();
  await expectNewTable(page, before);
  await expect.poll(() => lostOne).toBe(true);
  await page.waitForTimeout(2_000); // the channel has closed under the asked run, and reconnected, by now
  await expectNewTable(page, before);
});

test('a channel that closes under a long run the sidecar goes on with: "interrupted", then its result replaces that', async ({ page }) => {
  const LONG = 'demo2/01-monitoring-dashboard'; // a few rounds of `watch -n 1`: seconds long, changes nothing of the pair
  let connections = 0;
  let reconnect!: () => void;
  // what the sidecar says on the page's next connection waits until the test has seen "interrupted"
  const reconnected = new Promise<void>((resolve) => { reconnect = resolve; });
  await page.routeWebSocket(/\/api\/channel$/, (ws) => {
    const server = ws.connectToServer();
    if (++connections > 1) {
      server.onMessage((message) => void reconnected.then(() => ws.send(message)));
      return;
    }
    ws.onMessage((message) => {
      server.send(message);
      // the page's side closes once the sidecar has announced the run; the sidecar's side stays
      setTimeout(() => void ws.close({ code: 1001, reason: 'going away' }), 400);
    });
  });
  await walkToBlock(page, '/demo2', LONG);

  await block(page, LONG).getByRole('button', { name: 'Run', exact: true }).click();
  await expect(block(page, LONG)).toHaveAttribute('data-interrupted', 'true');
  await expect(block(page, LONG).locator('.run-result__failure')).toContainText('Interrupted');
  await screenshot(page, 'channel-closed-interrupted');
  // the run ends in the sidecar all the same, and the reconnected channel brings it: the whole truth, no "interrupted"
  const runId = await block(page, LONG).getAttribute('data-run-id');
  reconnect();
  await expect(block(page, LONG)).toHaveAttribute('data-state', 'done', { timeout: 30_000 });
  await expect(block(page, LONG)).toHaveAttribute('data-run-id', runId!);
  await expect(block(page, LONG)).not.toHaveAttribute('data-interrupted', 'true');
  await expect(block(page, LONG).locator('.run-result__failure')).toHaveCount(0);
});
