// The embedded backend's record (cluster.json) is reported as it is: absent is "not built yet", but damaged, unreadable,
// written by other binaries, or gone from under running servers is each said as such — never taken for "not built",
// never papered over with default ports — and a run then fails with that reason while the sidecar lives on. Reset
// recovers from every one of them. (The whole state folder removed under the pair: server/cluster/state-folder-removed.test.ts.)
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatStatus } from '../../cli/format-status';
import { startSidecar } from '../../sidecar/start-sidecar';
import { http } from '../../system/http';
import { testStack, type TestStack } from '../../testing/test-stack';
import type { RunResponse, Snippet } from '../../../shared/types';
import { createCluster } from '../factory';
import { testCluster, type TestCluster } from '../test-support';

const snippets = new Map<string, Snippet>([
  ['demo1/01-sql', { id: 'demo1/01-sql', kind: 'sql', node: 'postgres-primary', title: 'sql', text: 'SELECT 1 AS one;' }],
  ['demo1/02-shell', { id: 'demo1/02-shell', kind: 'shell', title: 'shell', text: 'echo hi' }],
]);

describe('a state folder without a pair', () => {
  let t: TestCluster;
  beforeAll(async () => { t = await testCluster(); });
  afterAll(() => t?.cleanup());

  const cluster = () => createCluster({ stateDir: t.stateDir });

  it('absent cluster.json: "not built yet"', async () => {
    const status = await cluster().status();
    expect(status.problem).toBeUndefined();
    expect(status.nodes[0]!.note).toMatch(/not built yet/);
  });

  it('damaged cluster.json: "damaged", with what to do, and no port is guessed', async () => {
    await writeFile(join(t.stateDir, 'cluster.json'), '{"version": 2, "ports": ');
    const fresh = cluster();
    const status = await fresh.status();
    expect(status.problem).toMatch(/cluster\.json is damaged \(.*JSON.*\)/);
    expect(status.nodes.map((n) => n.port)).toEqual([0, 0]);
    expect(() => fresh.connection('postgres-primary')).toThrow(/cluster\.json is damaged/);
    await expect(fresh.up()).rejects.toMatchObject({ code: 'INVALID_STATE' });
    expect(formatStatus(status)).toMatch(/^PROBLEM: .*damaged/);
  });

  it('unreadable cluster.json: "cannot be read" (not "not built yet", not the default ports)', async () => {
    await rm(join(t.stateDir, 'cluster.json'), { force: true });
    await mkdir(join(t.stateDir, 'cluster.json')); // read() fails with EISDIR, even for root
    const fresh = cluster();
    const status = await fresh.status();
    expect(status.problem).toMatch(/cluster\.json cannot be read \(EISDIR\)/);
    expect(() => fresh.connection('postgres-standby')).toThrow(/cannot be read/);
    await rm(join(t.stateDir, 'cluster.json'), { recursive: true });
  });
});

describe('a running pair whose records go wrong', () => {
  let t: TestStack;
  const run = async (snippet: string) => (await t.api('/api/run', { body: { snippet } })).json<RunResponse>();

  beforeAll(async () => { t = await testStack({ snippets }); });
  afterAll(() => t?.cleanup());

  it('binaries of another major version: the mismatch is named, not "binaries: not found"', async () => {
    const file = join(t.stateDir, 'cluster.json');
    const original = await readFile(file, 'utf8');
    await writeFile(file, original.replace(/"pgVersion": "\d+/, '"pgVersion": "99'));
    try {
      const status = await createCluster({ stateDir: t.stateDir }).status();
      expect(status.problem).toMatch(/built with PostgreSQL 99.*but the binaries in .* are \d+/);
      const printed = formatStatus(status);
      expect(printed).not.toMatch(/binaries: not found/);
      expect(printed).toMatch(/binaries: not usable for this cluster/);
    } finally {
      await writeFile(file, original);
    }
  });

  it('a damaged record under a running pair: runs fail with that reason, the sidecar lives, reset recovers', async () => {
    const file = join(t.stateDir, 'cluster.json');
    await writeFile(file, '{ not json');
    // a sidecar started now on this folder has read no ports before, so it has nothing to fall back on
    const fresh = createCluster({ stateDir: t.stateDir });
    const other = await startSidecar({ cluster: fresh, snippets, statusFeed: { log: () => undefined } });
    try {
      for (const id of ['demo1/01-sql', 'demo1/02-shell']) {
        const answer = await http(`${other.url}/api/run`, { body: { snippet: id }, headers: { authorization: `Bearer ${other.token}` } });
        expect(answer.status).toBe(200);
        expect(answer.json<RunResponse>()).toMatchObject({ ok: false, error: { code: 'INVALID_STATE', message: expect.stringMatching(/cluster\.json is damaged/) } });
      }
      expect((await http(`${other.url}/api/health`)).status).toBe(200);
      // the sidecar that read the record before keeps its ports and still reaches the pair
      expect(await run('demo1/01-sql')).toMatchObject({ ok: true });
      const reset = await t.api('/api/cluster/reset', { body: {} });
      expect(reset.json<{ ok: boolean; detail: string }>()).toMatchObject({ ok: true, detail: expect.stringMatching(/damaged.*built again/) });
      expect((await t.cluster.status()).problem).toBeUndefined();
    } finally {
      await other.close();
      await fresh.close();
    }
    expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({ version: 2 });
  });
});
