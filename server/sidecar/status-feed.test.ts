// The live panel costs the cluster nothing while no page listens: the status feed queries the nodes only while an
// events stream is open. Counted on the server itself: pg_stat_database's sessions and transactions of the database
// the status probe uses, read from another database so the reading does not count itself.
import { once } from 'node:events';
import { request, type IncomingMessage } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { testCluster, type TestCluster } from '../cluster/test-support';
import type { NodeName } from '../types';
import { startSidecar, type RunningSidecar } from './start-sidecar';

let t: TestCluster;
let sidecar: RunningSidecar;

beforeAll(async () => {
  t = await testCluster(55690);
  await t.cluster.up();
  sidecar = await startSidecar({ cluster: t.cluster, snippets: new Map() });
});

afterAll(async () => {
  await sidecar?.close();
  await t?.cleanup();
});

/** Sessions opened and transactions committed in the probe's database on `node`, so far. */
async function activity(node: NodeName): Promise<{ sessions: number; xacts: number }> {
  const connection = t.cluster.connection(node);
  const client = new pg.Client({ ...connection, database: 'template1', connectionTimeoutMillis: 3_000 });
  await client.connect();
  try {
    const { rows } = await client.query<{ sessions: string; xacts: string }>(
      'SELECT sessions, xact_commit + xact_rollback AS xacts FROM pg_stat_database WHERE datname = $1', [connection.database]);
    return { sessions: Number(rows[0]!.sessions), xacts: Number(rows[0]!.xacts) };
  } finally {
    await client.end();
  }
}

/** What reached both nodes' probe database during `ms`. */
async function during(ms: number): Promise<{ sessions: number; xacts: number }> {
  const before = await Promise.all([activity('postgres-primary'), activity('postgres-standby')]);
  await sleep(ms);
  const after = await Promise.all([activity('postgres-primary'), activity('postgres-standby')]);
  return {
    sessions: after.reduce((n, a, i) => n + a.sessions - before[i]!.sessions, 0),
    xacts: after.reduce((n, a, i) => n + a.xacts - before[i]!.xacts, 0),
  };
}

async function openEvents(): Promise<{ statuses: () => number; close: () => void }> {
  const req = request(`${sidecar.url}/api/events`, { headers: { authorization: `Bearer ${sidecar.token}` } });
  req.end();
  const [response] = (await once(req, 'response')) as [IncomingMessage];
  let statuses = 0;
  response.on('data', (chunk: Buffer) => { statuses += chunk.toString().match(/^event: status$/gm)?.length ?? 0; });
  return { statuses: () => statuses, close: () => req.destroy() };
}

it('queries the nodes only while a page listens, and stops when the last one leaves', async () => {
  await sleep(1_000); // whatever `up` left in flight (its spare copy) settles
  expect(await during(2_000)).toEqual({ sessions: 0, xacts: 0 });

  const page = await openEvents();
  const listening = await during(2_000);
  // 4 Hz on two nodes: ~16 probes in 2 s (fewer on a busy machine, never none)
  expect(listening.xacts).toBeGreaterThanOrEqual(4);
  expect(page.statuses()).toBeGreaterThanOrEqual(4);

  page.close();
  await sleep(500); // a probe already under way finishes
  expect(await during(2_000)).toEqual({ sessions: 0, xacts: 0 });
});
