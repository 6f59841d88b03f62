// pgdemo-net, the deck's command for the network between the nodes, against a stand-in sidecar: each verb becomes
// its cluster operation with the snippet's token; failures and misuse are clear.
import express from 'express';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseShellEnvironment, SYSTEM_PATH } from './base-environment';
import { runShell } from './run-shell';

let server: Server;
let url: string;
let scratchDir: string;
const requests: { path: string; body: unknown; auth?: string }[] = [];

beforeAll(async () => {
  scratchDir = await mkdtemp(join(tmpdir(), 'pgdemo-net-test-'));
  const app = express().use(express.json());
  app.post('/api/cluster/:op', (req, res) => {
    requests.push({ path: req.path, body: req.body, auth: req.headers.authorization });
    if (req.params.op === 'heal') res.status(409).json({ code: 'INVALID_STATE', message: 'There is no cluster yet.' });
    else res.json({ ok: true, detail: `did ${req.params.op}` });
  });
  server = await new Promise<Server>((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await rm(scratchDir, { recursive: true, force: true });
});

const run = (text: string) => runShell({
  text,
  environment: { env: baseShellEnvironment({ path: SYSTEM_PATH, scratchDir, control: { url, token: 'tok' } }), cwd: scratchDir },
});

describe('pgdemo-net', () => {
  it('cut and delay become partition and latency, with the token, and print what was done', async () => {
    requests.length = 0;
    const response = await run('pgdemo-net cut postgres-standby && pgdemo-net delay 50ms');
    expect(response).toMatchObject({ exitCode: 0, stdout: 'did partition\ndid latency\n', stderr: '' });
    expect(requests).toEqual([
      { path: '/api/cluster/partition', body: { node: 'postgres-standby' }, auth: 'Bearer tok' },
      { path: '/api/cluster/latency', body: { ms: 50 }, auth: 'Bearer tok' },
    ]);
  });

  it('with a peer, cut, heal and delay act on the one link between the two nodes', async () => {
    requests.length = 0;
    const response = await run('pgdemo-net cut postgres-primary postgres-standby2 && pgdemo-net delay 200 postgres-standby postgres-standby2'
      + ' ; pgdemo-net heal postgres-primary postgres-standby2');
    expect(response).toMatchObject({ exitCode: 1, stdout: 'did partition\ndid latency\n', stderr: 'pgdemo-net: There is no cluster yet.\n' });
    expect(requests.map((r) => [r.path, r.body])).toEqual([
      ['/api/cluster/partition', { node: 'postgres-primary', peer: 'postgres-standby2' }],
      ['/api/cluster/latency', { ms: 200, node: 'postgres-standby', peer: 'postgres-standby2' }],
      ['/api/cluster/heal', { node: 'postgres-primary', peer: 'postgres-standby2' }],
    ]);
  });

  it('refuses a delay with one end of a link, or a cut with two peers, with the usage', async () => {
    requests.length = 0;
    for (const misuse of ['pgdemo-net delay 200 postgres-standby', 'pgdemo-net cut postgres-primary postgres-standby postgres-standby2']) {
      const response = await run(misuse);
      expect(response.exitCode).toBe(2);
      expect(response.stderr).toMatch(/^usage: pgdemo-net cut <node> \[<peer>\]/);
    }
    expect(requests).toEqual([]);
  });

  it('says what the sidecar refused, and how to use it', async () => {
    const refused = await run('pgdemo-net heal postgres-standby');
    expect(refused).toMatchObject({ exitCode: 1, stderr: 'pgdemo-net: There is no cluster yet.\n' });
    const misuse = await run('pgdemo-net shake');
    expect(misuse.exitCode).toBe(2);
    expect(misuse.stderr).toMatch(/^usage: pgdemo-net cut <node>/);
  });
});
