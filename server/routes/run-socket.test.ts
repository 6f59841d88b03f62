// The run socket is a second door to code execution: its handshake is refused exactly where an HTTP request is, and
// each message passes the same allowlist. Every refusal is followed by a check that its trace is absent; a positive
// control shows the same message leaves the trace when allowed.
import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { tableExists } from '../cluster/test-support';
import { testStack, type TestStack } from '../testing/test-stack';
import type { RunSocketReply, Snippet } from '../../shared/types';

const DECK_ORIGIN = 'http://localhost:3030';
let stack: TestStack;

const snippets = new Map<string, Snippet>([
  ['test/socket-marker', { id: 'test/socket-marker', kind: 'sql', node: 'postgres-primary', title: 'marker',
    text: 'CREATE TABLE marker_from_socket (id int);' }],
]);

beforeAll(async () => {
  stack = await testStack({ snippets, sidecar: { allowedOrigins: [DECK_ORIGIN] } });
});

afterAll(() => stack?.cleanup());

const socketUrl = (path = '/api/run/socket') => `${stack.sidecar.url.replace('http', 'ws')}${path}`;
const token = () => ({ authorization: `Bearer ${stack.sidecar.token}` });

/** The HTTP status a refused handshake answers with (0 = it opened). */
async function handshakeStatus(headers: Record<string, string>, path?: string): Promise<number> {
  const ws = new WebSocket(socketUrl(path), { headers });
  const status = await new Promise<number>((resolve, reject) => {
    ws.once('open', () => resolve(0));
    ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? -1));
    ws.once('error', reject);
  });
  ws.terminate();
  return status;
}

async function openSocket(): Promise<{ ask(message: unknown): Promise<RunSocketReply>; close(): void }> {
  const ws = new WebSocket(socketUrl(), { headers: { ...token(), origin: DECK_ORIGIN } });
  await once(ws, 'open');
  return {
    async ask(message) {
      ws.send(typeof message === 'string' ? message : JSON.stringify(message));
      const [data] = (await once(ws, 'message')) as [Buffer];
      return JSON.parse(data.toString()) as RunSocketReply;
    },
    close: () => ws.close(),
  };
}

describe('the run socket refuses the handshake like any request', () => {
  const good = () => ({ ...token(), origin: DECK_ORIGIN });
  it.each([
    ['no token', () => ({ origin: DECK_ORIGIN }), undefined, 401],
    ['a wrong token', () => ({ origin: DECK_ORIGIN, authorization: 'Bearer nope' }), undefined, 401],
    ['a page that is not the deck', () => ({ ...good(), origin: 'http://evil.example' }), undefined, 403],
    ['a rebinding DNS name', () => ({ ...good(), host: 'evil.example' }), undefined, 403],
    ['another path', good, '/api/other-socket', 404],
  ])('%s', async (_what, headers, path, status) => {
    expect(await handshakeStatus(headers(), path)).toBe(status);
  });

  it('opens for the deck with the token', async () => {
    expect(await handshakeStatus({ ...token(), origin: DECK_ORIGIN })).toBe(0);
  });
});

describe('each message passes the allowlist', () => {
  it('refuses edited text and text that is not a snippet, and nothing runs', async () => {
    const socket = await openSocket();
    try {
      const edited = await socket.ask({ id: 1, run: { snippet: 'test/socket-marker', text: 'CREATE TABLE edited_via_socket (id int);' } });
      const adHoc = await socket.ask({ id: 2, run: { sql: 'CREATE TABLE adhoc_via_socket (id int);', node: 'postgres-primary' } });
      expect(edited).toMatchObject({ id: 1, error: { code: 'EDIT_NOT_ENABLED' } });
      expect(adHoc).toMatchObject({ id: 2, error: { code: 'EDIT_NOT_ENABLED' } });
      expect(await tableExists(stack.cluster, 'postgres-primary', 'edited_via_socket')).toBe(false);
      expect(await tableExists(stack.cluster, 'postgres-primary', 'adhoc_via_socket')).toBe(false);
    } finally {
      socket.close();
    }
  });

  it('answers bad messages with a clear error and stays usable; runs a deck snippet', async () => {
    const socket = await openSocket();
    try {
      expect(await socket.ask('not json')).toMatchObject({ id: 0, error: { code: 'BAD_REQUEST' } });
      expect(await socket.ask({ id: 'x', run: {} })).toMatchObject({ error: { code: 'BAD_REQUEST' } });
      expect(await socket.ask({ id: 3, run: { snippet: 'nope/none' } })).toMatchObject({ id: 3, error: { code: 'UNKNOWN_SNIPPET' } });
      expect(await tableExists(stack.cluster, 'postgres-primary', 'marker_from_socket')).toBe(false);
      const ran = await socket.ask({ id: 4, run: { snippet: 'test/socket-marker' } });
      expect(ran).toMatchObject({ id: 4, result: { ok: true, kind: 'sql' } });
      expect(await tableExists(stack.cluster, 'postgres-primary', 'marker_from_socket')).toBe(true);
      // the sidecar's whole share of the click holds the run's own time
      const { result, sidecarMs } = ran as Extract<RunSocketReply, { result: unknown }>;
      expect(sidecarMs).toBeGreaterThanOrEqual(result.durationMs);
    } finally {
      socket.close();
    }
  });
});
