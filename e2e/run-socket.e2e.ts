// A click's run goes over the page's WebSocket (composables/runSocket.ts). When that socket closes before the answer
// (the deck server went away, or restarted), the block says so at once and the next Run works: it must not stay
// "running" waiting for an announcement that a gone sidecar never sends. The socket here is the real one to the
// sidecar, except for the first connection, which Playwright's WebSocket route closes as the run message arrives.
import { expect, test } from '@playwright/test';
import { block, nextSlide, screenshot } from './support/deck';

const ID = 'demo6/04-in-flight-transactions'; // a one-row SELECT

test('a run whose socket closes before the answer says so, and the next Run gets its result', async ({ page }) => {
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
  await page.goto('/demo6');
  await expect(page.locator('.slidev-page h1:visible')).toHaveCount(1);
  for (let i = 0; i < 20 && await block(page, ID).count() === 0; i++) await nextSlide(page);
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
