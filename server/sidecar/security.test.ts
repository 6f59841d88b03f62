// The sidecar executes code, so every refusal is tested with a request that WOULD leave a trace if it ran, followed
// by a check that the trace is absent — and a positive control proves the same request does leave it when allowed.
import { existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Cluster } from '../cluster/cluster';
import { startSidecar, type RunningSidecar } from './start-sidecar';
import { http } from '../system/http';
import type { Snippet } from '../../shared/types';
import { nodeOf, tableExists } from '../cluster/test-support';
import { testStack, type TestStack } from '../testing/test-stack';
import { DECK_ORIGIN, handshakeStatus, openChannel } from '../testing/channel-client';

let stack: TestStack;
let cluster: Cluster;
let sidecar: RunningSidecar;
let sidecarEdits: RunningSidecar;
let markerFile: string;

const snippets = new Map<string, Snippet>([
  ['test/marker-sql', { id: 'test/marker-sql', kind: 'sql', node: 'postgres-primary', title: 'marker',
    text: 'CREATE TABLE marker_from_snippet (id int);' }],
  ['test/channel-marker', { id: 'test/channel-marker', kind: 'sql', node: 'postgres-primary', title: 'marker over the channel',
    text: 'CREATE TABLE marker_from_channel (id int);' }],
]);

const auth = () => ({ authorization: `Bearer ${sidecar.token}` });

beforeAll(async () => {
  stack = await testStack({ snippets, sidecar: { allowedOrigins: [DECK_ORIGIN] } });
  ({ cluster, sidecar } = stack);
  markerFile = join(cluster.shellEnvironment().cwd, 'marker-from-shell');
  sidecarEdits = await startSidecar({ cluster, snippets, allowedOrigins: [DECK_ORIGIN], allowEdits: true });
});

afterAll(async () => {
  await sidecarEdits?.close();
  await stack?.cleanup();
});

describe('the sidecar refuses, and nothing runs', () => {
  const runMarker = { snippet: 'test/marker-sql' };
  const refusals: [string, () => Promise<{ status: number; body: string }>, number, string][] = [
    ['no token', () => http(`${sidecar.url}/api/run`, { body: runMarker }), 401, 'UNAUTHORIZED'],
    ['a wrong token', () => http(`${sidecar.url}/api/run`, {
      body: runMarker, headers: { authorization: 'Bearer not-the-token' } }), 401, 'UNAUTHORIZED'],
    ['a foreign Origin', () => http(`${sidecar.url}/api/run`, {
      body: runMarker, headers: { ...auth(), origin: 'http://evil.example' } }), 403, 'FORBIDDEN_ORIGIN'],
    ['a non-loopback Host (DNS rebinding)', () => http(`${sidecar.url}/api/run`, {
      body: runMarker, headers: { ...auth(), host: 'evil.example:3030' } }), 403, 'FORBIDDEN_HOST'],
    ['an unknown snippet', () => http(`${sidecar.url}/api/run`, {
      body: { snippet: 'demo9/01-nope' }, headers: auth() }), 404, 'UNKNOWN_SNIPPET'],
    ['edited text of a known snippet', () => http(`${sidecar.url}/api/run`, {
      body: { snippet: 'test/marker-sql', text: 'CREATE TABLE marker_from_edit (id int);' }, headers: auth() }),
    403, 'EDIT_NOT_ENABLED'],
    ['ad-hoc SQL', () => http(`${sidecar.url}/api/run`, {
      body: { sql: 'CREATE TABLE marker_from_adhoc (id int);', node: 'postgres-primary' }, headers: auth() }),
    403, 'EDIT_NOT_ENABLED'],
    ['ad-hoc shell', () => http(`${sidecar.url}/api/run`, {
      body: { shell: `touch ${markerFile}` }, headers: auth() }), 403, 'EDIT_NOT_ENABLED'],
    ['a cluster operation without a token', () => http(`${sidecar.url}/api/cluster/crash`, {
      body: { node: 'postgres-primary' } }), 401, 'UNAUTHORIZED'],
  ];

  for (const [what, send, status, code] of refusals) {
    it(`refuses ${what} with ${status} ${code}`, async () => {
      const answer = await send();
      expect(answer.status).toBe(status);
      expect(JSON.parse(answer.body)).toMatchObject({ code });
    });
  }

  // the page's channel (/api/channel): its handshake is refused exactly where a request is, so no message of any type
  // gets through; the old run socket's path is no door at all
  const good = () => ({ ...auth(), origin: DECK_ORIGIN });
  const handshakes: [string, () => Record<string, string>, string | undefined, number][] = [
    ['no token', () => ({ origin: DECK_ORIGIN }), undefined, 401],
    ['a wrong token', () => ({ origin: DECK_ORIGIN, authorization: 'Bearer not-the-token' }), undefined, 401],
    ['a foreign Origin', () => ({ ...good(), origin: 'http://evil.example' }), undefined, 403],
    ['a non-loopback Host (DNS rebinding)', () => ({ ...good(), host: 'evil.example:3030' }), undefined, 403],
    ['another path (the old run socket)', good, '/api/run/socket', 404],
  ];
  for (const [what, headers, path, status] of handshakes) {
    it(`refuses the channel's handshake with ${what}: ${status}`, async () => {
      expect(await handshakeStatus(sidecar.url, headers(), path)).toBe(status);
    });
  }

  it('refuses on the channel what it refuses over HTTP, message by message, of every type', async () => {
    const page = await openChannel(sidecar.url, sidecar.token);
    try {
      const refused = async (reply: Promise<unknown>, code: string) => expect(await reply).toMatchObject({ error: { code } });
      await refused(page.ask('run', { run: { snippet: 'test/marker-sql', text: 'CREATE TABLE marker_from_edit (id int);' } }), 'EDIT_NOT_ENABLED');
      await refused(page.ask('run', { run: { sql: 'CREATE TABLE marker_from_adhoc (id int);', node: 'postgres-primary' } }), 'EDIT_NOT_ENABLED');
      await refused(page.ask('run', { run: { shell: `touch ${markerFile}` } }), 'EDIT_NOT_ENABLED');
      await refused(page.ask('run', { run: { snippet: 'demo9/01-nope' } }), 'UNKNOWN_SNIPPET');
      await refused(page.ask('cancel', { runId: 'not-a-run' }), 'UNKNOWN_RUN');
      // every key valid, but not one `crash` takes: refused, not ignored
      await refused(page.ask('cluster', { action: 'crash', params: { ms: 0 } }), 'BAD_REQUEST');
      await refused(page.send(JSON.stringify({ id: 7, type: 'cluster', action: 'crash', params: { node: 'postgres-primary' }, token: 'x' })), 'BAD_REQUEST');
    } finally {
      await page.close();
    }
  });

  it('ran none of them', async () => {
    expect(await tableExists(cluster, 'postgres-primary', 'marker_from_channel')).toBe(false);
    expect(await tableExists(cluster, 'postgres-primary', 'marker_from_snippet')).toBe(false);
    expect(await tableExists(cluster, 'postgres-primary', 'marker_from_edit')).toBe(false);
    expect(await tableExists(cluster, 'postgres-primary', 'marker_from_adhoc')).toBe(false);
    expect(existsSync(markerFile)).toBe(false);
    const status = await cluster.status();
    expect(nodeOf(status.nodes, 'postgres-primary').state).toBe('running');
  });
});

describe('the same requests, when allowed, do leave their trace (the checks above can fail)', () => {
  it('runs the deck snippet with the token and the deck Origin', async () => {
    const answer = await http(`${sidecar.url}/api/run`, {
      body: { snippet: 'test/marker-sql' }, headers: { ...auth(), origin: DECK_ORIGIN } });
    expect(answer.status).toBe(200);
    expect(answer.json()).toMatchObject({ ok: true, kind: 'sql', node: 'postgres-primary' });
    expect(await tableExists(cluster, 'postgres-primary', 'marker_from_snippet')).toBe(true);
  });

  it('runs the deck snippet and a cluster action over the channel, with the token and the deck Origin', async () => {
    const page = await openChannel(sidecar.url, sidecar.token);
    try {
      expect(await page.ask('run', { run: { snippet: 'test/channel-marker' } })).toMatchObject({ to: 'run' });
      expect(await tableExists(cluster, 'postgres-primary', 'marker_from_channel')).toBe(true);
      const cut = await page.ask('cluster', { action: 'partition', params: { node: 'postgres-standby' } });
      expect(cut).toMatchObject({ value: { ok: true, status: { link: { partitioned: ['postgres-standby'] } } } });
      expect(await page.ask('cluster', { action: 'heal', params: { node: 'postgres-standby' } })).toMatchObject({ value: { ok: true } });
    } finally {
      await page.close();
    }
  });

  it('runs edited and ad-hoc text only on a sidecar started with live editing, over the channel too', async () => {
    const page = await openChannel(sidecarEdits.url, sidecarEdits.token);
    try {
      expect(await page.ask('run', { run: { sql: 'CREATE TABLE marker_from_channel_adhoc (id int);', node: 'postgres-primary' } }))
        .toMatchObject({ to: 'run' });
      expect(await tableExists(cluster, 'postgres-primary', 'marker_from_channel_adhoc')).toBe(true);
    } finally {
      await page.close();
    }
  });

  it('runs edited and ad-hoc text only on a sidecar started with live editing', async () => {
    const headers = { authorization: `Bearer ${sidecarEdits.token}` };
    const sql = await http(`${sidecarEdits.url}/api/run`, {
      body: { sql: 'CREATE TABLE marker_from_adhoc (id int);', node: 'postgres-primary' }, headers });
    expect(sql.json()).toMatchObject({ ok: true });
    expect(await tableExists(cluster, 'postgres-primary', 'marker_from_adhoc')).toBe(true);
    const shell = await http(`${sidecarEdits.url}/api/run`, { body: { shell: `touch ${markerFile}` }, headers });
    expect(shell.json()).toMatchObject({ ok: true, exitCode: 0 });
    expect(existsSync(markerFile)).toBe(true);
  });
});

describe('the sidecar surface', () => {
  it('answers health without a token, and nothing else', async () => {
    expect((await http(`${sidecar.url}/api/health`)).json()).toEqual({ ok: true });
    expect((await http(`${sidecar.url}/api/snippets`)).status).toBe(401);
  });

  it('listens on 127.0.0.1 only', () => {
    expect(new URL(sidecar.url).hostname).toBe('127.0.0.1');
  });

  it('writes its URL and token to sidecar.json with mode 0600', async () => {
    const file = join(cluster.stateDir, 'sidecar.json');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
  });

  it('rejects a malformed body with a clear 400, not a 500', async () => {
    const answer = await http(`${sidecar.url}/api/run`, { body: { snippet: 42 }, headers: auth() });
    expect(answer.status).toBe(400);
    expect(answer.json()).toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('never sends a stack trace or internal detail', async () => {
    const answer = await http(`${sidecar.url}/api/cluster/explode`, { body: {}, headers: auth() });
    expect(answer.status).toBe(400);
    expect(answer.body).not.toMatch(/at .*\.ts:\d+/);
  });
});
