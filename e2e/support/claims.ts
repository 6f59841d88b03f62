// The demos' claims in the browser tests: the same checks `pgdemo rehearse` and the demo-flow test make
// (server/rehearse/checks), over what the deck's sidecar reports — each block's last run and the cluster's status —
// plus what only a browser can check: that each block shows its run, and that the status bar shows the cluster.
import { expect, type APIRequestContext, type Locator, type Page } from '@playwright/test';
import type { Cluster } from '../../server/cluster/cluster';
import { createCluster, defaultStateDir } from '../../server/cluster/factory';
import { sql } from '../../server/cluster/sql/client';
import { DEMOS } from '../../server/rehearse/checks';
import { Evidence } from '../../server/rehearse/evidence';
import { checksDue, runChecks } from '../../server/rehearse/run-checks';
import type { ClusterStatus, RunResponse } from '../../shared/types';
import { statusNode } from './deck';

let cluster: Cluster | undefined;
/** The stack's pair, for the checks that query a node (global-setup.ts names its state folder). */
const stackCluster = () => (cluster ??= createCluster({ stateDir: process.env.E2E_STATE_DIR ?? defaultStateDir() }));

async function getJson<T>(request: APIRequestContext, path: string): Promise<T> {
  const answer = await request.get(path);
  expect(answer.ok(), `${path}: ${answer.status()}`).toBe(true);
  return answer.json() as Promise<T>;
}

const lastResults = async (request: APIRequestContext) =>
  getJson<Record<string, { result?: RunResponse }>>(request, '/api/runs/last');

/** The demo's checks due after `block` (undefined: at its end) pass, on what the deck's sidecar reports now. */
export async function expectClaims(request: APIRequestContext, demo: string, block: string | undefined): Promise<void> {
  const checks = checksDue(DEMOS[demo]!.checks, block);
  if (!checks.length) return;
  const last = await lastResults(request);
  const evidence = new Evidence({
    result: (id) => last[id]?.result,
    status: () => getJson<ClusterStatus>(request, '/api/cluster'),
    query: (node, text) => sql(stackCluster(), node, text),
  });
  const failed = (await runChecks(checks, evidence)).filter((c) => !c.passed);
  expect(failed.map((c) => `${c.claim}: ${c.message}`)).toEqual([]);
}

/** The block shows its live run: the result tables' columns and the last table's first row, or the output's last line. */
export async function expectBlockShows(request: APIRequestContext, b: Locator, id: string): Promise<void> {
  const result = (await lastResults(request))[id]?.result;
  expect(result, `${id} has a result`).toBeDefined();
  await expect(b).toHaveAttribute('data-run-id', result!.runId);
  expect(await b.getAttribute('data-recorded')).toBeNull();
  if (result!.kind === 'shell') {
    const lastLine = result!.stdout.split('\n').map((l) => l.trim()).filter(Boolean).at(-1);
    if (lastLine) await expect(b.locator('.shell-output')).toContainText(lastLine);
    return;
  }
  const tables = result!.results.filter((r) => r.fields.length);
  const shown = await b.locator('table').evaluateAll((els) => els.map((t) => ({
    heads: [...t.querySelectorAll('th')].map((th) => th.textContent?.trim() ?? ''),
    first: [...(t.querySelector('tbody tr')?.querySelectorAll('td') ?? [])].map((td) => td.textContent?.trim() ?? ''),
  })));
  expect(shown.map((t) => t.heads)).toEqual(tables.map((r) => r.fields.map((f) => f.name)));
  const last = tables.at(-1);
  if (last?.rows[0]) expect(shown.at(-1)!.first).toEqual(last.rows[0].map((v) => (v ?? 'NULL').trim()));
}

/** The status bar shows each node as the sidecar reports it (it is pushed ~4 times a second). */
export async function expectStatusBarShowsCluster(page: Page, request: APIRequestContext): Promise<void> {
  await expect.poll(async () => {
    const status = await getJson<ClusterStatus>(request, '/api/cluster');
    const bar = await Promise.all(status.nodes.map(async (n) => {
      const el = statusNode(page, n.name);
      return [await el.getAttribute('data-role'), await el.getAttribute('data-state'), await el.getAttribute('data-timeline')];
    }));
    return JSON.stringify(bar) === JSON.stringify(status.nodes.map((n) => [n.role, n.state, String(n.timeline ?? '')]));
  }, { timeout: 10_000 }).toBe(true);
}
