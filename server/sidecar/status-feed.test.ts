// The live panel costs the cluster nothing while no page listens: the status feed queries the nodes only while a page's
// channel (or a script's events stream) is open. Counted on the server itself: pg_stat_database's sessions and transactions of the database
// the status probe uses, read from another database so the reading does not count itself.
import { once } from 'node:events';
import { request, type IncomingMessage } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { probeNode } from '../cluster/sql/node-probe';
import { ProbeSessions } from '../cluster/sql/probe-sessions';
import { pollUntil } from '../cluster/poll';
import { nodeOf } from '../cluster/test-support';
import type { NodeName } from '../../shared/types';
import { DECK_ORIGIN, openChannel } from '../testing/channel-client';
import { startSidecar } from './start-sidecar';
import { testStack, type TestStack } from '../testing/test-stack';

let stack: TestStack;

beforeAll(async () => {
  stack = await testStack({ snippets: new Map(), sidecar: { allowedOrigins: [DECK_ORIGIN] } });
});

afterAll(() => stack?.cleanup());

/** Sessions opened and transactions committed in the probe's database on `node`, so far. */
async function activity(node: NodeName): Promise<{ sessions: number; xacts: number }> {
  const connection = stack.cluster.connection(node);
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

async function openPage(): Promise<{ statuses: () => number; close: () => void }> {
  const page = await openChannel(stack.sidecar.url, stack.sidecar.token);
  return { statuses: () => page.received.filter((m) => m.type === 'status').length, close: () => page.ws.terminate() };
}

it('queries the nodes only while a page listens, and stops when the last one leaves', async () => {
  await sleep(1_000); // whatever `up` left in flight (its spare copy) settles
  expect(await during(2_000)).toEqual({ sessions: 0, xacts: 0 });

  const page = await openPage();
  const listening = await during(2_000);
  // 4 Hz on two nodes: ~16 probes in 2 s (fewer on a busy machine, never none)
  expect(listening.xacts).toBeGreaterThanOrEqual(4);
  expect(page.statuses()).toBeGreaterThanOrEqual(4);
  // one kept session per node, not a connection per read
  expect(listening.sessions).toBeLessThanOrEqual(2);
  expect((await during(1_000)).sessions).toBe(0);

  page.close();
  await sleep(500); // a probe already under way finishes
  expect(await during(2_000)).toEqual({ sessions: 0, xacts: 0 });
});

it('reads at once when the cluster comes up, not at the next tick', async () => {
  let up!: () => void;
  const clusterReady = new Promise<void>((resolve) => { up = resolve; });
  // a tick far away: only the read a new page gets, and the one the cluster's coming up asks for
  const slow = await startSidecar({ cluster: stack.cluster, snippets: new Map(), clusterReady, statusFeed: { intervalMs: 60_000 } });
  const page = await listen(slow.url, slow.token);
  try {
    await pollUntil(async () => page.events.filter((e) => e.event === 'status').length === 1, { timeoutMs: 15_000, what: 'one status event' });
    await sleep(500);
    expect(page.events.filter((e) => e.event === 'status')).toHaveLength(1);
    up();
    await pollUntil(async () => page.events.filter((e) => e.event === 'status').length === 2, { timeoutMs: 3_000, what: 'a second status event' });
  } finally {
    page.close();
    await slow.close();
  }
});

/** The events stream's messages as they arrive, parsed. */
async function listen(url: string, token: string): Promise<{ events: { event: string; data: unknown }[]; close: () => void }> {
  const req = request(`${url}/api/events`, { headers: { authorization: `Bearer ${token}` } });
  req.end();
  const [response] = (await once(req, 'response')) as [IncomingMessage];
  const events: { event: string; data: unknown }[] = [];
  let buffer = '';
  response.setEncoding('utf8').on('data', (chunk: string) => {
    buffer += chunk;
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const event = /^event: (.*)$/m.exec(block)?.[1];
      const data = /^data: (.*)$/m.exec(block)?.[1];
      if (event && data) events.push({ event, data: JSON.parse(data) });
    }
  });
  return { events, close: () => req.destroy() };
}

it('says "status unavailable" with the reason and the last good snapshot when a read fails or hangs, logs it once, and recovers', async () => {
  // the real cluster, with its status() failing or hanging on demand
  let fault: 'none' | 'throw' | 'hang' = 'none';
  const faulty = new Proxy(stack.cluster, {
    get(target, key) {
      if (key !== 'status') {
        const value: unknown = Reflect.get(target, key);
        return typeof value === 'function' ? value.bind(target) : value;
      }
      return async () => {
        if (fault === 'throw') throw new Error('EACCES: permission denied, open cluster.json');
        if (fault === 'hang') await new Promise(() => undefined);
        return target.status();
      };
    },
  });
  const logged: string[] = [];
  const faultySidecar = await startSidecar({ cluster: faulty, snippets: new Map(),
    statusFeed: { readTimeoutMs: 1_000, log: (line) => logged.push(line) } });
  const page = await listen(faultySidecar.url, faultySidecar.token);
  try {
    const lastOf = (name: string) => page.events.filter((e) => e.event === name).at(-1)?.data as Record<string, unknown> | undefined;
    await pollUntil(async () => lastOf('status'), { timeoutMs: 15_000, what: 'a status event' });
    const good = lastOf('status')!;

    fault = 'throw';
    const thrown = await pollUntil(async () => lastOf('status-unavailable'), { timeoutMs: 15_000, what: 'a status-unavailable event' });
    expect(thrown).toMatchObject({ reason: 'EACCES: permission denied, open cluster.json', lastGoodAt: expect.any(String) });
    expect(Date.parse(thrown.lastGoodAt as string)).toBeGreaterThanOrEqual(Date.parse(good.at as string));
    await sleep(1_000); // four more failed reads: still one line in the log
    expect(logged.filter((l) => l.includes('EACCES'))).toHaveLength(1);

    fault = 'hang';
    await pollUntil(async () => /has not answered for \d+ s/.test(String(lastOf('status-unavailable')?.reason)),
      { timeoutMs: 5_000, what: 'the hung read to be reported' });

    // a hung read is given up after the deadline and a fresh one tried: the feed recovers by itself
    fault = 'none';
    const unavailableSoFar = page.events.length;
    await pollUntil(async () => page.events.slice(unavailableSoFar).some((e) => e.event === 'status'),
      { timeoutMs: 5_000, what: 'a status event after the recovery' });
    expect(logged.at(-1)).toBe('status available again');
  } finally {
    page.close();
    await faultySidecar.close();
  }
  expect(logged.some((l) => /status unavailable: the status read has not answered/.test(l))).toBe(true);
});

it('a restarted node shows as running at once, not as "not answering" (its kept probe session is replaced)', async () => {
  await stack.cluster.status(); // the kept sessions exist
  await stack.cluster.stop('postgres-standby');
  await stack.cluster.start('postgres-standby');
  const standby = nodeOf((await stack.cluster.status()).nodes, 'postgres-standby');
  expect(standby.state).toBe('running');
  expect(standby.note ?? '').not.toMatch(/not answering/);
  expect(standby.role).toBe('standby');
});

it('parses the status probe once per kept session: every later read runs the statement prepared then', async () => {
  const sessions = new ProbeSessions();
  try {
    for (const node of ['postgres-primary', 'postgres-standby'] as const) {
      const connection = stack.cluster.connection(node);
      const first = await probeNode(connection, node, undefined, sessions);
      const again = await probeNode(connection, node, undefined, sessions);
      expect(again).toMatchObject({ inRecovery: node === 'postgres-standby', timeline: first.timeline });
      const prepared = await sessions.query<{ name: string }>(connection, node, 'SELECT name FROM pg_prepared_statements');
      expect(prepared.map((p) => p.name)).toEqual(['pgdemo-status-probe']);
    }
  } finally {
    sessions.close();
  }
});
