// Hostile input to the sidecar: property-based fuzzing (fast-check) of every endpoint's body and parameters and of
// every message type of the page's channel, bodies and messages over the size limit, 100 runs at once, flooding
// output, slow clients, a page that stops reading. Every refusal is
// checked by its side effect — the cluster is asked to do nothing (a counting view of the real cluster), no run
// starts, the pair is as it was — and the sidecar answers health afterwards.
import { once } from 'node:events';
import { request, type IncomingMessage } from 'node:http';
import { connect } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { Cluster } from '../cluster/cluster';
import { sql, testCluster, type TestCluster } from '../cluster/test-support';
import { ERROR_STATUS } from '../../shared/errors';
import { isLive, procInfo } from '../system/proc';
import { startSidecar, type RunningSidecar } from './start-sidecar';
import { http, type HttpAnswer } from '../system/http';
import { CLUSTER_ACTIONS, NODE_NAMES, type ClusterStatus, type ShellRunResponse, type Snippet } from '../../shared/types';
import { PAGE_REQUESTS } from '../../shared/wire';
import { DECK_ORIGIN, openChannel } from '../testing/channel-client';

let t: TestCluster;
let real: Cluster;
let cluster: Cluster;
let sidecar: RunningSidecar;
/** every call that would make the cluster do something or run something: a run needs connection() or shellEnvironment() */
const acted: string[] = [];
const READS = new Set(['status', 'tools', 'backend', 'stateDir', 'close', 'interrupt']);

const snippets = new Map<string, Snippet>([
  ['demo1/01-marker', { id: 'demo1/01-marker', kind: 'sql', node: 'postgres-primary', title: 'marker',
    text: 'INSERT INTO fuzz_marker DEFAULT VALUES; SELECT pg_sleep(1.5);' }],
  ['demo1/02-flood', { id: 'demo1/02-flood', kind: 'shell', title: 'flood', text: 'timeout 3 yes "0123456789 flood of output"; echo done' }],
  ['demo1/04-megabyte', { id: 'demo1/04-megabyte', kind: 'shell', title: 'a megabyte at once', text: 'head -c 1100000 /dev/zero | tr "\\0" x' }],
  ['demo1/03-stubborn', { id: 'demo1/03-stubborn', kind: 'shell', title: 'stubborn children',
    text: '(trap "" TERM; exec sleep 1000) & echo "pid $!"\nsetsid bash -c \'trap "" TERM; echo "pid $$"; exec sleep 1000\' &\nsleep 0.3; echo ready; wait' }],
]);
const SNIPPET_IDS = [...snippets.keys()];

const auth = () => ({ authorization: `Bearer ${sidecar.token}` });
const ask = (path: string, options: Parameters<typeof http>[1] = {}) =>
  http(`${sidecar.url}${path}`, { ...options, headers: { ...auth(), ...options.headers } });

/** What the pair looks like, for "as it was": roles, states, timelines, link; and how many marker rows exist. */
async function fingerprint(): Promise<string> {
  const status = await real.status();
  const [marker] = await sql<{ n: number }>(real, 'postgres-primary', 'SELECT count(*)::int AS n FROM fuzz_marker');
  return JSON.stringify([status.nodes.map((n) => [n.name, n.role, n.state, n.timeline, n.upstream]), status.link, marker!.n]);
}

/** A refusal: a 4xx with our error body, never a 5xx, and never the cluster asked to act. */
function expectRefused(answer: HttpAnswer, what: string): void {
  expect(answer.status, `${what} → ${answer.status} ${answer.body.slice(0, 200)}`).toBeGreaterThanOrEqual(400);
  expect(answer.status, `${what} → ${answer.body.slice(0, 200)}`).toBeLessThan(500);
  const body = answer.json<{ code: string; message: string }>();
  expect(Object.keys(ERROR_STATUS), what).toContain(body.code);
  expect(body.message.length, what).toBeGreaterThan(0);
}

beforeAll(async () => {
  t = await testCluster();
  real = t.cluster;
  await real.up();
  await sql(real, 'postgres-primary', 'CREATE TABLE fuzz_marker (id serial PRIMARY KEY)');
  cluster = new Proxy(real, {
    get(target, key) {
      const value: unknown = Reflect.get(target, key);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        if (!READS.has(String(key))) acted.push(String(key));
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  sidecar = await startSidecar({ cluster, snippets, allowedOrigins: [DECK_ORIGIN], statusFeed: { log: () => undefined },
    deadlines: { headersMs: 1_000, requestMs: 2_000 }, backlogBytes: 64 * 1024 });
});

afterAll(async () => {
  await sidecar?.close();
  await t?.cleanup();
});

describe('property-based fuzzing of every endpoint: nothing is ever executed, nothing answers 5xx', () => {
  const cases: Record<string, number> = {};
  const anyJson = fc.jsonValue({ maxDepth: 3 });
  const text = fc.string({ unit: 'binary', maxLength: 40 });
  /** bodies that a strict schema must refuse: always one key no schema knows, or a wrong type where one is known */
  const runBody = fc.oneof(
    anyJson,
    fc.record({ snippet: fc.oneof(text, fc.constantFrom(...SNIPPET_IDS)), text: text.filter((t) => t.length > 0) }),
    fc.record({ sql: text, node: fc.constantFrom(...NODE_NAMES) }),
    fc.record({ shell: text }),
    fc.record({ snippet: fc.constantFrom(...SNIPPET_IDS), fuzz: anyJson }),
    fc.record({ snippet: fc.oneof(fc.integer(), fc.boolean(), fc.constant(null), fc.array(text)) }),
  ).filter((body) => !(typeof body === 'object' && body !== null && !Array.isArray(body) && Object.keys(body).length === 1
    && SNIPPET_IDS.includes((body as { snippet?: string }).snippet as string)));

  let before: string;
  beforeAll(async () => {
    before = await fingerprint();
    acted.length = 0;
  });

  afterAll(async () => {
    console.info(`fuzz cases per endpoint: ${JSON.stringify(cases)}; total ${Object.values(cases).reduce((a, b) => a + b, 0)}; `
      + `cluster asked to act: ${acted.length}; runs started: ${Object.keys((await ask('/api/runs/last')).json<object>()).length}`);
  });

  it('POST /api/run', async () => {
    await fc.assert(fc.asyncProperty(runBody, async (body) => {
      cases['POST /api/run'] = (cases['POST /api/run'] ?? 0) + 1;
      expectRefused(await ask('/api/run', { body }), `run ${JSON.stringify(body).slice(0, 100)}`);
    }), { numRuns: 300 });
    expect(acted).toEqual([]);
  });

  const action = fc.oneof(fc.constantFrom(...CLUSTER_ACTIONS), fc.string({ minLength: 1, maxLength: 30 }));
  /** parameters no action takes as they are: an unknown key, a wrong type, or keys of another action */
  const params = fc.oneof(
    fc.record({ node: fc.oneof(text, fc.integer()), fuzz: anyJson }, { requiredKeys: ['fuzz'] }),
    fc.record({ node: fc.constantFrom(...NODE_NAMES), ms: fc.oneof(fc.double(), fc.string(), fc.integer({ min: 10_001 })) }),
    fc.record({ on: fc.oneof(fc.string(), fc.integer()), upstream: text }),
    fc.array(anyJson, { maxLength: 3 }),
  );
  // found by this test in CI: every key valid, but not one the action takes (`up` ran, `destroy` destroyed the pair)
  const actedOnBefore: [string, object][] = [['up', { node: 'postgres-primary', ms: 0 }], ['destroy', { node: 'postgres-standby', ms: 0 }]];

  it('POST /api/cluster/:action', async () => {
    await fc.assert(fc.asyncProperty(action, params, async (name, body) => {
      cases['POST /api/cluster/:action'] = (cases['POST /api/cluster/:action'] ?? 0) + 1;
      expectRefused(await ask(`/api/cluster/${encodeURIComponent(name)}`, { body }), `${name} ${JSON.stringify(body).slice(0, 100)}`);
    }), { numRuns: 300, examples: actedOnBefore });
    expect(acted).toEqual([]);
  });

  it('POST /api/runs/:runId/cancel, and any method on any path', async () => {
    await fc.assert(fc.asyncProperty(fc.string({ minLength: 1, maxLength: 60 }), anyJson, async (runId, body) => {
      cases['POST /api/runs/:runId/cancel'] = (cases['POST /api/runs/:runId/cancel'] ?? 0) + 1;
      const answer = await ask(`/api/runs/${encodeURIComponent(runId)}/cancel`, { body });
      expectRefused(answer, `cancel ${runId}`);
    }), { numRuns: 100 });
    const method = fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH');
    const path = fc.array(fc.string({ minLength: 1, maxLength: 12 }), { minLength: 1, maxLength: 4 })
      .map((parts) => `/api/${parts.map(encodeURIComponent).join('/')}`)
      .filter((p) => !/^\/api\/(health|cluster|snippets|events|run|runs\/last)$/.test(p));
    await fc.assert(fc.asyncProperty(method, path, async (verb, url) => {
      cases['any path'] = (cases['any path'] ?? 0) + 1;
      expectRefused(await ask(url, { method: verb }), `${verb} ${url}`);
    }), { numRuns: 150 });
    expect(acted).toEqual([]);
  });

  it('GET endpoints with any query string answer as without one', async () => {
    const query = fc.dictionary(fc.string({ minLength: 1, maxLength: 8 }), fc.string({ maxLength: 20 }), { maxKeys: 4 })
      .map((q) => new URLSearchParams(q).toString());
    await fc.assert(fc.asyncProperty(fc.constantFrom('/api/health', '/api/cluster', '/api/snippets', '/api/runs/last'), query,
      async (path, q) => {
        cases['GET with query'] = (cases['GET with query'] ?? 0) + 1;
        expect((await ask(`${path}?${q}`)).status).toBe(200);
      }), { numRuns: 100 });
    expect(acted).toEqual([]);
  });

  it('the page\'s channel: any message, of every type, gets one reply that refuses it', async () => {
    const page = await openChannel(sidecar.url, sidecar.token);
    const id = fc.integer({ min: 1, max: 1_000_000 });
    /** one generator per request type (a new type without one fails below), each always refused */
    const requests: Record<keyof typeof PAGE_REQUESTS, fc.Arbitrary<object>> = {
      run: fc.record({ id, type: fc.constant('run'), run: runBody }),
      // no run has that id: UNKNOWN_RUN, or the id itself refused
      cancel: fc.record({ id, type: fc.constant('cancel'), runId: fc.oneof(fc.string({ maxLength: 60 }), fc.integer(), anyJson) }),
      'show-recording': fc.record({ id, type: fc.constant('show-recording'), runId: fc.oneof(fc.string({ maxLength: 60 }), fc.integer(), anyJson),
        on: fc.oneof(fc.boolean(), anyJson) }),
      cluster: fc.oneof(
        fc.record({ id, type: fc.constant('cluster'), action, params }),
        fc.record({ id, type: fc.constant('cluster'), action: fc.constantFrom(...CLUSTER_ACTIONS) }), // no params at all
        fc.record({ id, type: fc.constant('cluster'), action, params: fc.constant({}), fuzz: anyJson }),
      ),
      // no drill runs: every verb that needs one is INVALID_STATE (or its body BAD_REQUEST); a start with a field it
      // does not take is BAD_REQUEST before anything resets (state and reset, which always act, are left out)
      drill: fc.oneof(
        fc.record({ id, type: fc.constant('drill'), verb: fc.constantFrom('hint', 'diagnose', 'reveal', 'fix'), body: anyJson }),
        fc.record({ id, type: fc.constant('drill'), verb: fc.constant('start'), body: fc.record({ fuzz: anyJson }) }),
      ),
      'drill-answer': fc.record({ id, type: fc.constant('drill-answer') }),
      'drill-console': fc.record({ id, type: fc.constant('drill-console'), node: fc.constantFrom(...NODE_NAMES), sql: fc.constant('CREATE TABLE fuzz_console (id int)') }),
      practice: fc.record({ id, type: fc.constant('practice'), fuzz: anyJson }),
      // a demo the seed has no budget for (or not a number): nothing is logged
      'practice-demo': fc.record({ id, type: fc.constant('practice-demo'),
        demo: fc.oneof(fc.integer({ max: 0 }), fc.integer({ min: 7 }), fc.string({ maxLength: 8 })), ms: anyJson }),
    };
    expect(Object.keys(requests).sort()).toEqual(Object.keys(PAGE_REQUESTS).sort());
    const message = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 200 }),
      anyJson.map((v) => JSON.stringify(v)),
      ...Object.values(requests).map((request) => request.map((m) => JSON.stringify(m))),
      fc.record({ id: fc.oneof(fc.string(), fc.double(), fc.constant(null), fc.integer({ max: -1 })), type: fc.constantFrom(...Object.keys(PAGE_REQUESTS)), run: anyJson })
        .map((m) => JSON.stringify(m)),
      fc.record({ id, type: fc.string({ maxLength: 20 }) }).map((m) => JSON.stringify(m)),
      fc.uint8Array({ maxLength: 64 }).map((bytes) => Buffer.from(bytes)),
    );
    try {
      await fc.assert(fc.asyncProperty(message, async (m) => {
        cases['channel'] = (cases['channel'] ?? 0) + 1;
        const replies = page.received.filter((r) => r.type === 'reply').length;
        const reply = await page.send(m);
        expect(page.received.filter((r) => r.type === 'reply').length, String(m).slice(0, 80)).toBe(replies + 1);
        expect('error' in reply && Object.keys(ERROR_STATUS).includes(reply.error.code), JSON.stringify(reply)).toBe(true);
      }), { numRuns: 400, examples: actedOnBefore.map(([name, body]) => [JSON.stringify({ id: 9, type: 'cluster', action: name, params: body })] as [string]) });
      expect(page.ws.readyState).toBe(WebSocket.OPEN);
    } finally {
      await page.close();
    }
    expect(acted).toEqual([]);
    expect(await fingerprint()).toBe(before);
    expect((await ask('/api/runs/last')).json()).toEqual({});
    expect((await http(`${sidecar.url}/api/health`)).status).toBe(200);
  });
});

describe('bodies over the limit', () => {
  it('a 300 kB body is PAYLOAD_TOO_LARGE (413) and nothing runs; a 300 kB channel message too; 2 MB closes the channel', async () => {
    const before = await fingerprint();
    const big = { snippet: 'demo1/01-marker', text: 'x'.repeat(300 * 1024) };
    const answer = await ask('/api/run', { body: big });
    expect(answer.status).toBe(413);
    expect(answer.json()).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', message: expect.stringMatching(/larger than the sidecar takes/) });

    const page = await openChannel(sidecar.url, sidecar.token);
    for (const message of [{ id: 1, type: 'run', run: big }, { id: 2, type: 'cancel', runId: 'x'.repeat(300 * 1024) },
      { id: 3, type: 'cluster', action: 'freeze', params: { node: 'postgres-primary', fuzz: 'x'.repeat(300 * 1024) } }]) {
      // refused unread, yet answered by its id (a page's message starts with it)
      expect(await page.send(JSON.stringify(message))).toMatchObject({ id: message.id, error: { code: 'PAYLOAD_TOO_LARGE' } });
    }
    const closed = once(page.ws, 'close');
    page.ws.send('y'.repeat(2 * 1024 * 1024));
    const [code] = (await closed) as [number];
    expect(code).toBe(1009); // "message too big": ws stops reading it

    expect(await fingerprint()).toBe(before);
    expect(acted).toEqual([]);
    expect((await http(`${sidecar.url}/api/health`)).status).toBe(200);
  });
});

describe('load', () => {
  it('100 runs at once: 16 run, the rest get BUSY at once, none is queued, all answered; then it runs again', async () => {
    const [marker] = await sql<{ n: number }>(real, 'postgres-primary', 'SELECT count(*)::int AS n FROM fuzz_marker');
    const started = performance.now();
    const answers = await Promise.all(Array.from({ length: 100 }, async () => {
      const answer = await ask('/api/run', { body: { snippet: 'demo1/01-marker' } });
      return { status: answer.status, code: answer.json<{ code?: string }>().code, at: performance.now() - started };
    }));
    const ran = answers.filter((a) => a.status === 200);
    const busy = answers.filter((a) => a.status === 429);
    expect(ran).toHaveLength(16);
    expect(busy).toHaveLength(84);
    expect(busy.every((a) => a.code === 'BUSY' && a.at < 1_500), JSON.stringify(busy.map((a) => Math.round(a.at)))).toBe(true);
    expect(Math.max(...answers.map((a) => a.at))).toBeLessThan(15_000);
    // exactly the runs that were accepted wrote their marker row
    const [after] = await sql<{ n: number }>(real, 'postgres-primary', 'SELECT count(*)::int AS n FROM fuzz_marker');
    expect(after!.n - marker!.n).toBe(16);
    expect(sidecar.registry.running).toBe(0);
    expect((await ask('/api/run', { body: { snippet: 'demo1/01-marker' } })).status).toBe(200);
    expect((await http(`${sidecar.url}/api/health`)).status).toBe(200);
    acted.length = 0;
  });

  it('a flood of output is capped, the channel and the events stream stay small, and the sidecar answers at once meanwhile', async () => {
    const req = request(`${sidecar.url}/api/events`, { headers: auth() });
    req.end();
    const [events] = (await once(req, 'response')) as [IncomingMessage];
    let streamed = 0;
    events.on('data', (chunk: Buffer) => (streamed += chunk.length));
    const page = await openChannel(sidecar.url, sidecar.token);
    let carried = 0;
    page.ws.on('message', (data: Buffer) => (carried += data.length));
    const latencies: number[] = [];
    let flooding = true;
    const probe = (async () => {
      while (flooding) {
        const t0 = performance.now();
        await http(`${sidecar.url}/api/health`);
        latencies.push(performance.now() - t0);
        await sleep(50);
      }
    })();
    const result = (await ask('/api/run', { body: { snippet: 'demo1/02-flood' } })).json<ShellRunResponse>();
    flooding = false;
    await probe;
    req.destroy();
    await page.close();
    expect(result.truncated).toBe(true);
    expect(Buffer.byteLength(result.stdout) + Buffer.byteLength(result.stderr)).toBeLessThanOrEqual(1024 * 1024);
    // the capped output twice at most (streamed as it came, then in the result), as JSON, and a few status snapshots
    expect(streamed).toBeLessThan(2.5 * 1024 * 1024);
    expect(carried).toBeGreaterThan(0);
    expect(carried).toBeLessThan(2.5 * 1024 * 1024);
    latencies.sort((a, b) => a - b);
    console.info(`health during the flood: ${latencies.length} probes, median ${latencies[latencies.length >> 1]!.toFixed(1)} ms, max ${latencies.at(-1)!.toFixed(1)} ms`);
    expect(latencies[Math.floor(latencies.length * 0.9)]!).toBeLessThan(250);
  });

  it('cancel ends a shell run whose children ignore SIGTERM, also the one that left the process group', async () => {
    const running = ask('/api/run', { body: { snippet: 'demo1/03-stubborn' } });
    let pids: number[] = [];
    let runId = '';
    for (let i = 0; i < 100 && pids.length < 2; i++) {
      await sleep(50);
      const last = (await ask('/api/runs/last')).json<Record<string, { runId: string; output: string }>>()['demo1/03-stubborn'];
      runId = last?.runId ?? '';
      pids = [...(last?.output ?? '').matchAll(/pid (\d+)/g)].map((m) => Number(m[1]));
    }
    expect(pids).toHaveLength(2);
    expect((await ask(`/api/runs/${runId}/cancel`, { body: {} })).json()).toMatchObject({ ok: true, wasRunning: true });
    expect((await running).json()).toMatchObject({ ok: false, cancelled: true });
    for (const pid of pids) expect(isLive(await procInfo(pid)), `pid ${pid}`).toBe(false); // a zombie awaiting its reaper is dead
  });
});

describe('slow clients', () => {
  it('headers trickled byte by byte: the sidecar hangs up after its header deadline', async () => {
    const socket = connect(Number(new URL(sidecar.url).port), '127.0.0.1');
    await once(socket, 'connect');
    const started = performance.now();
    let answer = '';
    socket.on('data', (c: Buffer) => (answer += c.toString()));
    const closed = once(socket, 'close');
    const trickle = (async () => {
      for (const byte of 'GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ' + 'a'.repeat(100)) {
        if (socket.destroyed) return;
        socket.write(byte);
        await sleep(100);
      }
    })();
    await closed;
    await trickle;
    expect(performance.now() - started).toBeLessThan(4_000); // deadline 1 s, checked every second
    expect(answer).toMatch(/^HTTP\/1\.1 408|^$/);
  });

  it('a body trickled slower than the request deadline: 408, and nothing runs', async () => {
    const before = await fingerprint();
    const body = JSON.stringify({ snippet: 'demo1/01-marker' });
    const socket = connect(Number(new URL(sidecar.url).port), '127.0.0.1');
    await once(socket, 'connect');
    let answer = '';
    socket.on('data', (c: Buffer) => (answer += c.toString()));
    socket.write(`POST /api/run HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${sidecar.token}\r\n`
      + `Content-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`);
    const closed = once(socket, 'close');
    for (const char of body.slice(0, -1)) {
      if (socket.destroyed) break;
      socket.write(char);
      await sleep(200);
    }
    await closed;
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
    expect(await fingerprint()).toBe(before);
  });

  it('a page\'s channel is no slow request: it outlives the request deadline, and answers after it', async () => {
    const page = await openChannel(sidecar.url, sidecar.token);
    try {
      await sleep(3_500); // the deadline is 2 s, checked every second
      expect(page.ws.readyState).toBe(WebSocket.OPEN);
      expect(await page.ask('cancel', { runId: 'none' })).toMatchObject({ error: { code: 'UNKNOWN_RUN' } });
    } finally {
      await page.close();
    }
  });

  it('a page that stops reading its channel is cut off once its backlog passes the limit; the sidecar goes on', async () => {
    const page = await openChannel(sidecar.url, sidecar.token);
    await page.next('snapshot');
    page.ws.pause(); // a stalled tab: nothing read from here on
    const ended = once(page.ws, 'close').then(() => true);
    // ~2 MB of messages per run (its output streamed, then in its result): 20 MB, far more than the kernel's socket
    // buffers on loopback and the 64 kB limit behind them
    for (let runs = 0; runs < 10; runs++) await ask('/api/run', { body: { snippet: 'demo1/04-megabyte' } });
    let received = 0;
    page.ws.on('message', (data: Buffer) => (received += data.length));
    page.ws.resume(); // the tab wakes up: it gets what the kernel held, then the end of a channel the sidecar cut
    expect(await Promise.race([ended, sleep(10_000).then(() => false)])).toBe(true);
    console.info(`the stalled page received ${(received / 1024 / 1024).toFixed(1)} MB of 20 before the sidecar had cut its channel`);
    expect(received).toBeLessThan(10 * 1024 * 1024);
    expect((await http(`${sidecar.url}/api/health`)).status).toBe(200);
    expect((await ask('/api/cluster')).json<ClusterStatus>().up).toBe(true);
  });

  it('a script that stops reading its events stream is cut off once its backlog passes the limit; the sidecar goes on', async () => {
    const req = request(`${sidecar.url}/api/events`, { headers: auth() });
    req.end();
    const [events] = (await once(req, 'response')) as [IncomingMessage];
    events.pause(); // a stalled tab: nothing read from here on
    // listened for from here: the sidecar may close the stream while the runs still go on
    const ended = new Promise<boolean>((resolve) => { events.once('close', () => resolve(true)); req.once('error', () => resolve(true)); });
    // ~2 MB of events per run (its output streamed, then in its result): 20 MB, far more than the kernel's socket
    // buffers on loopback and the 64 kB limit behind them
    for (let runs = 0; runs < 10; runs++) await ask('/api/run', { body: { snippet: 'demo1/04-megabyte' } });
    let received = 0;
    events.on('data', (chunk: Buffer) => (received += chunk.length));
    events.resume(); // the tab wakes up: it gets what the kernel held, then the end of a stream the sidecar closed
    expect(await Promise.race([ended, sleep(10_000).then(() => false)])).toBe(true);
    console.info(`the stalled page received ${(received / 1024 / 1024).toFixed(1)} MB of 20 before the sidecar had closed its stream`);
    expect(received).toBeLessThan(10 * 1024 * 1024);
    expect((await http(`${sidecar.url}/api/health`)).status).toBe(200);
    expect((await ask('/api/cluster')).json<ClusterStatus>().up).toBe(true);
  });
});
