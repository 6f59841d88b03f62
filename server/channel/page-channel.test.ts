// The page's channel, as a page uses it: the snapshot first, then every run's events in order, each request answered
// once by its id — every message checked against shared/wire.ts's schema (testing/channel-client.ts). Its security
// (handshake, allowlist) is in sidecar/security.test.ts, hostile messages in sidecar/hostile-input.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tableExists as exists } from '../cluster/test-support';
import type { RunningSidecar } from '../sidecar/start-sidecar';
import { DECK_ORIGIN, openChannel, type ChannelClient } from '../testing/channel-client';
import { testStack, type TestStack } from '../testing/test-stack';
import type { Snippet } from '../../shared/types';
import type { EventOf } from '../../shared/wire';

let stack: TestStack;
let sidecar: RunningSidecar;

const snippets = new Map<string, Snippet>([
  ['test/marker', { id: 'test/marker', kind: 'sql', node: 'postgres-primary', title: 'marker', text: 'CREATE TABLE marker_from_channel (id int);' }],
  ['test/talk', { id: 'test/talk', kind: 'shell', title: 'talks', text: 'echo one; sleep 0.2; echo two >&2; sleep 0.2; echo three' }],
  ['test/long', { id: 'test/long', kind: 'shell', title: 'long', text: 'echo started; sleep 30' }],
]);

beforeAll(async () => {
  stack = await testStack({ snippets, sidecar: { allowedOrigins: [DECK_ORIGIN] } });
  ({ sidecar } = stack);
});

afterAll(() => stack?.cleanup());

const tableExists = (name: string) => exists(stack.cluster, 'postgres-primary', name);

const open = () => openChannel(sidecar.url, sidecar.token);
/** the types of what a channel received after position `from`, about run `runId` or replying to request `id` */
const about = (c: ChannelClient, runId: string, from = 0) => c.received.slice(from)
  .filter((m) => ('runId' in m && m.runId === runId) || (m.type === 'reply' && 'value' in m && (m.value as { runId?: string }).runId === runId))
  .map((m) => m.type);

describe('on connecting', () => {
  it('a page gets the snapshot first (who the sidecar is, what it allows, every block\'s last run), then the status', async () => {
    const page = await open();
    try {
      const snapshot = await page.next('snapshot');
      expect(page.received[0]).toBe(snapshot);
      expect(snapshot).toMatchObject({ epoch: sidecar.registry.epoch, seq: sidecar.registry.seq, settings: { allowEdits: false } });
      expect(snapshot.runs).toEqual(sidecar.registry.lastBySnippet());
      expect((await page.next('status')).status.up).toBe(true);
    } finally {
      await page.close();
    }
  });
});

describe('runs', () => {
  it('a run\'s result comes before the reply to the request; every change numbered in order', async () => {
    const page = await open();
    try {
      const { seq } = await page.next('snapshot');
      const reply = await page.ask('run', { run: { snippet: 'test/marker' } });
      expect(reply).toMatchObject({ to: 'run', value: { runId: expect.any(String) } });
      const runId = (reply as { value: { runId: string } }).value.runId;
      // announced first only when it lasted 30 ms (a busy machine), and then while it ran: a run announced together
      // with its result travels as its result alone
      expect(about(page, runId).filter((type) => type !== 'run')).toEqual(['result', 'reply']);
      expect(page.received.filter((m) => m.type === 'run' && m.runId === runId && m.state !== 'running')).toEqual([]);
      const result = await page.next('result', (m) => m.runId === runId);
      expect(result.seq).toBeGreaterThan(seq);
      expect(result.result).toMatchObject({ ok: true, kind: 'sql' });
      expect(await tableExists('marker_from_channel')).toBe(true);
      // the sidecar's whole share of the click holds the run's own time
      expect(reply.sidecarMs).toBeGreaterThanOrEqual(result.result.durationMs);
    } finally {
      await page.close();
    }
  });

  it('a talkative run: announced, its output in order, its result — and every page hears the same', async () => {
    const [asking, watching] = [await open(), await open()];
    try {
      const from = [asking.received.length, watching.received.length];
      const reply = await asking.ask('run', { run: { snippet: 'test/talk' } });
      const runId = (reply as { value: { runId: string } }).value.runId;
      const events = ['run', 'output', 'output', 'output', 'result'];
      expect(about(asking, runId, from[0])).toEqual([...events, 'reply']);
      await watching.next('result', (m) => m.runId === runId);
      expect(about(watching, runId, from[1])).toEqual(events);
      const heard = (c: ChannelClient) => c.received.filter((m) => 'runId' in m && m.runId === runId) as (EventOf<'output'> | EventOf<'result'>)[];
      expect(heard(watching)).toEqual(heard(asking));
      const seqs = heard(asking).map((m) => m.seq);
      expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
      expect(new Set(seqs).size).toBe(seqs.length);
      expect(heard(asking).filter((m): m is EventOf<'output'> => m.type === 'output').map((m) => [m.stream, m.data]))
        .toEqual([['stdout', 'one\n'], ['stderr', 'two\n'], ['stdout', 'three\n']]);
    } finally {
      await asking.close();
      await watching.close();
    }
  });

  it('a run goes on when the page that asked goes away, and the next page\'s snapshot shows it; cancel ends it', async () => {
    const first = await open();
    first.ws.send(JSON.stringify({ id: 1, type: 'run', run: { snippet: 'test/long' } }));
    const announced = await first.next('run', (m) => m.snippet === 'test/long');
    await first.close();
    const second = await open();
    try {
      const snapshot = await second.next('snapshot');
      expect(snapshot.runs['test/long']).toMatchObject({ runId: announced.runId, state: 'running', output: 'started\n' });
      expect(await second.ask('cancel', { runId: announced.runId })).toMatchObject({ to: 'cancel', value: { ok: true, wasRunning: true } });
      const { result } = await second.next('result', (m) => m.runId === announced.runId);
      expect(result).toMatchObject({ ok: false, kind: 'shell', cancelled: true });
      expect(await second.ask('cancel', { runId: 'no-such-run' })).toMatchObject({ error: { code: 'UNKNOWN_RUN' } });
    } finally {
      await second.close();
    }
  });
});

describe('other requests', () => {
  it('a cluster operation answers with its report and the status after it', async () => {
    const page = await open();
    try {
      const reply = await page.ask('cluster', { action: 'latency', params: { ms: 0 } });
      expect(reply).toMatchObject({ to: 'cluster', value: { ok: true, action: 'latency', status: { up: true } } });
      // refused as HTTP refuses it: a parameter the action does not take
      expect(await page.ask('cluster', { action: 'reset', params: { node: 'postgres-primary' } })).toMatchObject({ error: { code: 'BAD_REQUEST' } });
    } finally {
      await page.close();
    }
  });

  it('a bad message gets a clear error (with its id when it has one) and the channel stays usable', async () => {
    const page = await open();
    try {
      expect(await page.send('not json')).toMatchObject({ id: 0, error: { code: 'BAD_REQUEST', message: 'The message is not valid JSON.' } });
      expect(await page.send(JSON.stringify({ id: 'x', type: 'run', run: {} }))).toMatchObject({ id: 0, error: { code: 'BAD_REQUEST' } });
      expect(await page.send(JSON.stringify({ id: 5, type: 'drop-tables' }))).toMatchObject({ id: 5, error: { code: 'BAD_REQUEST' } });
      expect(await page.ask('run', { run: { snippet: 'nope/none' } })).toMatchObject({ error: { code: 'UNKNOWN_SNIPPET' } });
      expect(await page.ask('run', { run: { snippet: 'test/marker' } })).toMatchObject({ to: 'run' });
    } finally {
      await page.close();
    }
  });
});
