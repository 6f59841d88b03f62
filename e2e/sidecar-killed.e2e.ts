// The sidecar killed in the middle of a run (kill -9, as a crash), with the deck served on its own (`npm run
// serve:deck`, which finds the sidecar through sidecar.json): the page says the run was interrupted and that the
// sidecar is gone, with the age of the last snapshot; nothing of the run is left once a sidecar is back; it
// reattaches to the pair (left running), and the page's status is live and true again.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { createCluster } from '../server/cluster/factory';
import { RUN_TAG } from '../server/runner/shell/process-group';
import { readSidecarFile } from '../server/sidecar/sidecar-file';
import { processesWithEnvironment } from '../server/system/proc';
import { projectRoot } from '../server/testing/start-stack';
import { block, screenshot, statusNode, walkToBlock } from './support/deck';

// ports reserved for this file by playwright.config.ts
const DECK_PORT = Number(process.env.E2E_DECK_PORT) + 1;
const CLUSTER_PORT = Number(process.env.E2E_CLUSTER_PORT) + 6;
const LONG = 'demo2/05-sustained-load';

function startTs(script: string, args: string[], env: NodeJS.ProcessEnv): { child: ChildProcess; output: () => string } {
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
    cwd: projectRoot, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let printed = '';
  child.stdout!.on('data', (c: Buffer) => (printed += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (printed += c.toString()));
  return { child, output: () => printed };
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  process.kill(child.pid!, 'SIGTERM');
  await exited;
}

test('a sidecar killed mid-run: the page says interrupted, a restarted sidecar reattaches and the status is true', async ({ page }) => {
  test.setTimeout(4 * 60_000);
  const stateDir = await mkdtemp(join(tmpdir(), 'pgdemo-e2e-killed-'));
  const env = { ...process.env, PGDEMO_CLUSTER_DIR: stateDir, PGDEMO_PORT: String(CLUSTER_PORT) };
  const serveArgs = ['serve', '--deck-port', String(DECK_PORT)];
  const tagged = async () => (await processesWithEnvironment(RUN_TAG, (v) => v.startsWith(`${stateDir}|`))).length;
  let sidecar = startTs('server/cli/main.ts', serveArgs, env);
  const deck = startTs('server/deck/main.ts', ['--port', String(DECK_PORT)], env);
  try {
    await expect.poll(() => /Sidecar listening on/.test(sidecar.output()), { timeout: 120_000 }).toBe(true);
    await expect.poll(() => /Deck: /.test(deck.output()), { timeout: 30_000 }).toBe(true);
    const first = (await readSidecarFile(stateDir))!;

    // the long block of Demo 2, run from the deck, streaming
    await walkToBlock(page, `http://127.0.0.1:${DECK_PORT}/demo2`, LONG);
    await block(page, LONG).getByRole('button', { name: 'Run', exact: true }).click();
    await expect(block(page, LONG).locator('.shell-output__line', { hasText: 'Batch 1 completed' })).toHaveCount(1, { timeout: 60_000 });

    // kill -9: no shutdown, as a crash
    const killed = once(sidecar.child, 'exit');
    process.kill(sidecar.child.pid!, 'SIGKILL');
    await killed;
    await expect(block(page, LONG)).toHaveAttribute('data-interrupted', 'true', { timeout: 15_000 });
    await expect(block(page, LONG)).toHaveAttribute('data-state', 'error');
    await expect(block(page, LONG).locator('.run-result__failure')).toContainText('Interrupted: the sidecar stopped while this ran');
    await expect(block(page, LONG).locator('.shell-output__line', { hasText: 'Batch 1 completed' })).toHaveCount(1); // kept
    await expect(page.locator('.status-bar:visible [data-staleness]')).toContainText(/sidecar not connected · last good snapshot \d+ s ago/);
    await screenshot(page, 'sidecar-killed-interrupted');

    // restarted: the same folder, token and cluster; the run's orphans ended; the page live again
    sidecar = startTs('server/cli/main.ts', serveArgs, env);
    await expect.poll(() => /Sidecar listening on/.test(sidecar.output()), { timeout: 120_000 }).toBe(true);
    // nothing of the run is left: this block's shell dies of its broken output pipe a moment after the kill; a run
    // that does not write would still go on, and the restarted sidecar ends it (server/runner/shell/orphaned-runs.test.ts)
    expect(await tagged()).toBe(0);
    expect((await readSidecarFile(stateDir))!.token).toBe(first.token);
    await expect(page.locator('.status-bar:visible')).toHaveAttribute('data-stale', 'false', { timeout: 30_000 });
    await expect(statusNode(page, 'postgres-primary')).toHaveAttribute('data-state', 'running');
    await expect(statusNode(page, 'postgres-standby')).toHaveAttribute('data-streaming', 'true', { timeout: 30_000 });
    await expect(block(page, LONG)).toHaveAttribute('data-interrupted', 'true'); // still says what happened to it
    await screenshot(page, 'sidecar-restarted-reattached');
  } finally {
    await stop(sidecar.child).catch(() => undefined);
    await stop(deck.child).catch(() => undefined);
    const cluster = createCluster({ stateDir });
    await cluster.down(); // the restarted sidecar reattached, so it left the pair running
    await cluster.close();
    await rm(stateDir, { recursive: true, force: true });
  }
});
