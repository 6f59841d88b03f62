// A snippet file that does not parse is reported as what it is (SNIPPET_INVALID, naming the file and the fault), not as
// an internal error, and nothing runs for it; the sidecar serves the other snippets.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createCluster } from '../cluster/factory';
import type { Cluster } from '../cluster/cluster';
import { startSidecar, type RunningSidecar } from '../sidecar/start-sidecar';
import { http } from '../system/http';
import type { Snippet } from '../../shared/types';
import { pairPorts } from '../cluster/test-support';

let stateDir: string;
let cluster: Cluster;
let sidecar: RunningSidecar;

beforeAll(async () => {
  stateDir = await mkdtemp(join(tmpdir(), 'pgdemo-broken-snippet-'));
  cluster = createCluster({ stateDir, basePort: await pairPorts() }); // never built: nothing here needs a pair
  const snippets = new Map<string, Snippet>([['demo1/01-good', { id: 'demo1/01-good', kind: 'shell', title: 'good', text: 'true' }]]);
  const broken = new Map([['demo1/02-broken', 'Snippet demo1/02-broken: step "two" is not a positive whole number. (file /x/demo1/02-broken.sql)']]);
  sidecar = await startSidecar({ cluster, snippets, brokenSnippets: broken, statusFeed: { log: () => undefined } });
});

afterAll(async () => {
  await sidecar?.close();
  await cluster?.close();
  await rm(stateDir, { recursive: true, force: true });
});

it('answers a run of a broken snippet with SNIPPET_INVALID and what is wrong; nothing runs', async () => {
  const headers = { authorization: `Bearer ${sidecar.token}` };
  const answer = await http(`${sidecar.url}/api/run`, { body: { snippet: 'demo1/02-broken' }, headers });
  expect(answer.status).toBe(500);
  expect(answer.json()).toMatchObject({ code: 'SNIPPET_INVALID', message: expect.stringMatching(/step "two" .*02-broken\.sql/) });
  expect((await http(`${sidecar.url}/api/runs/last`, { headers })).json()).toEqual({});
  expect(sidecar.registry.running).toBe(0);
  // the good one runs (here without a pair, so it says its folder is missing: that, not INTERNAL)
  const good = await http(`${sidecar.url}/api/run`, { body: { snippet: 'demo1/01-good' }, headers });
  expect(good.status).toBe(200);
  expect(good.json<{ stderr: string }>().stderr).toMatch(/working folder .*scratch does not exist/);
  expect(Object.keys((await http(`${sidecar.url}/api/runs/last`, { headers })).json<object>())).toEqual(['demo1/01-good']);
});
