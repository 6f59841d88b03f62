// A page learns the runs two ways: a snapshot of every block's last run (GET /api/runs/last, asked whenever its events
// stream opens) and the events themselves. A snapshot answered late is older than the events that came meanwhile and
// must not undo them: here it is held back while a run starts, and then let through.
import { expect, test } from '@playwright/test';
import { block, walkToBlock } from './support/deck';

const LONG = 'demo2/01-monitoring-dashboard'; // a few rounds of `watch -n 1`: seconds long, changes nothing of the pair

test('a snapshot of the runs answered late does not call a run that started meanwhile "interrupted"', async ({ page, request }) => {
  expect((await request.post('/api/cluster/reset', { data: {} })).ok()).toBe(true); // a healthy pair to run on
  let release!: () => void;
  const held = new Promise<void>((resolve) => { release = resolve; });
  let asked = 0;
  await page.route('**/api/runs/last', async (route) => {
    asked++;
    const response = await route.fetch(); // the runs as they are now, before the Run below
    await held;
    await route.fulfill({ response });
  });
  await walkToBlock(page, '/demo2', LONG);
  await expect.poll(() => asked).toBeGreaterThan(0);

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
