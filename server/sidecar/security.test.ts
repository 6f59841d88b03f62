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

const DECK_ORIGIN = 'http://localhost:3030';
let stack: TestStack;
let cluster: Cluster;
let sidecar: RunningSidecar;
let sidecarEdits: RunningSidecar;
let markerFile: string;

const snippets = new Map<string, Snippet>([
  ['test/marker-sql', { id: 'test/marker-sql', kind: 'sql', node: 'postgres-primary', title: 'marker',
    text: 'CREATE TABLE marker_from_snippet (id int);' }],
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

  it('ran none of them', async () => {
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
