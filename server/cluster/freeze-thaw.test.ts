// Demo 1 on real servers: a frozen standby (docker pause) retains WAL in its slot, status still answers, a second
// Cluster object on the same folder sees the same thing, and after thaw the standby catches up.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allProcesses } from './embedded/proc';
import { createCluster } from './factory';
import { count, eventually, nodeOf, sql, testCluster, type TestCluster } from './test-support';

let t: TestCluster;

beforeAll(async () => {
  t = await testCluster(55400);
  await t.cluster.up();
  await sql(t.cluster, 'postgres-primary',
    'CREATE TABLE network_test (id serial PRIMARY KEY, data text, created_at timestamp DEFAULT now())');
});

afterAll(() => t?.cleanup());

async function standbyProcessStates(): Promise<string[]> {
  const pid = Number((await readFile(join(t.stateDir, 'nodes/postgres-standby/postmaster.pid'), 'utf8')).split('\n')[0]);
  const tree = (await allProcesses()).filter((p) => p.pid === pid || p.ppid === pid);
  return tree.map((p) => p.state);
}

describe('freeze and thaw', () => {
  it('freezes every standby process, retains WAL in the slot while frozen, and catches up after thaw', async () => {
    const report = await t.cluster.freeze('postgres-standby');
    expect(report.method).toMatch(/SIGSTOP/);
    const states = await standbyProcessStates();
    expect(states.length).toBeGreaterThan(3); // postmaster + startup, walreceiver, checkpointer …
    expect(states.every((s) => s === 'T')).toBe(true);

    await sql(t.cluster, 'postgres-primary',
      "INSERT INTO network_test (data) SELECT 'Data row ' || generate_series(1, 100000)");

    const started = performance.now();
    const frozen = await t.cluster.status();
    expect(performance.now() - started).toBeLessThan(5_000);
    const standby = nodeOf(frozen.nodes, 'postgres-standby');
    expect(standby.state).toBe('frozen');
    expect(standby.role).toBe('standby');
    expect(standby.upstream).toBe('postgres-primary');
    expect(standby.slot?.name).toBe('standby_slot');
    expect(standby.slot?.retainedBytes).toBeGreaterThan(1_000_000);
    expect(standby.lagBytes).toBeGreaterThan(1_000_000);

    // a second object (a restarted sidecar) reads the same truth from disk and processes — other basePort on purpose
    const twin = createCluster({ stateDir: t.stateDir, basePort: 55490 });
    const seen = await twin.status();
    for (const node of frozen.nodes) {
      const other = nodeOf(seen.nodes, node.name);
      expect([other.role, other.state, other.port, other.upstream]).toEqual([node.role, node.state, node.port, node.upstream]);
    }

    const thawed = await twin.thaw('postgres-standby');
    expect(thawed.method).toMatch(/SIGCONT/);
    await twin.close();
    await eventually(async () => (await count(t.cluster, 'postgres-standby', 'network_test')) === 100_000);
    expect(await count(t.cluster, 'postgres-primary', 'network_test')).toBe(100_000);
    const after = await eventually(async () => {
      const s = nodeOf((await t.cluster.status()).nodes, 'postgres-standby');
      return s.state === 'running' && s.replicationState === 'streaming' && s.lagBytes === 0 ? s : null;
    });
    expect(after?.slot?.active).toBe(true);
  });

  it('refuses to freeze a stopped node and to start a frozen one, with clear errors', async () => {
    await t.cluster.stop('postgres-standby');
    await expect(t.cluster.freeze('postgres-standby')).rejects.toMatchObject({ code: 'NODE_DOWN' });
    await t.cluster.start('postgres-standby');
    await t.cluster.freeze('postgres-standby');
    await expect(t.cluster.start('postgres-standby')).rejects.toMatchObject({ code: 'NODE_FROZEN' });
    // stop thaws first, then shuts down
    const stopped = await t.cluster.stop('postgres-standby');
    expect(stopped.detail).toMatch(/thawed first/);
    expect(nodeOf((await t.cluster.status()).nodes, 'postgres-standby').state).toBe('stopped');
  });

  it('answers status quickly with a frozen primary, and says why the standby lacks its upstream view', async () => {
    await t.cluster.start('postgres-standby');
    await t.cluster.freeze('postgres-primary');
    const started = performance.now();
    const nodes = (await t.cluster.status()).nodes;
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(nodeOf(nodes, 'postgres-primary')).toMatchObject({ role: 'primary', state: 'frozen', timeline: 1 });
    const standby = nodeOf(nodes, 'postgres-standby');
    expect(standby).toMatchObject({ role: 'standby', state: 'running', upstream: 'postgres-primary', slot: null });
    expect(standby.note).toMatch(/postgres-primary cannot be asked/);
    await t.cluster.thaw('postgres-primary');
  });
});
