// Demo 1 through the Cluster interface, on every backend: a frozen standby (docker pause) keeps its slot's WAL on the
// primary, status still answers quickly, a second object on the same state sees the same, and after thaw the
// standby catches up. Only what the interface shows is asserted.
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCluster } from '../factory';
import { pollUntil } from '../poll';
import { count, nodeOf, pairPorts, sql, testCluster, type TestCluster } from '../test-support';
import { testBackends } from './backends';

describe.each(testBackends())('%s backend: freeze and thaw', (backend) => {
  let t: TestCluster;

  beforeAll(async () => {
    t = await testCluster({ backend });
    // what an earlier cluster's blocks left in the shell's HOME (the build must not keep it: the next test)
    await mkdir(join(t.stateDir, 'scratch'), { recursive: true });
    await writeFile(join(t.stateDir, 'scratch', 'at-standby'), '1765000000.5\n');
    expect((await t.cluster.up()).ok).toBe(true);
    await sql(t.cluster, 'postgres-primary',
      'CREATE TABLE network_test (id serial PRIMARY KEY, data text, created_at timestamp DEFAULT now())');
  });

  afterAll(() => t?.cleanup());

  it('a build from nothing gives the shell an empty HOME', async () => {
    expect(await readdir(t.cluster.shellEnvironment().env.HOME!)).toEqual([]);
  });

  it('a frozen standby retains WAL in its slot, status answers, and after thaw it catches up', async () => {
    expect((await t.cluster.freeze('postgres-standby')).ok).toBe(true);
    await sql(t.cluster, 'postgres-primary',
      "INSERT INTO network_test (data) SELECT 'Data row ' || generate_series(1, 100000)");

    const started = performance.now();
    const frozen = await t.cluster.status();
    expect(performance.now() - started).toBeLessThan(5_000);
    const standby = nodeOf(frozen.nodes, 'postgres-standby');
    expect(standby).toMatchObject({ state: 'frozen', role: 'standby', upstream: 'postgres-primary' });
    expect(standby.slot?.name).toBe('standby_slot');
    expect(standby.slot?.retainedBytes).toBeGreaterThan(1_000_000);
    expect(standby.lagBytes).toBeGreaterThan(1_000_000);

    // a second object (a restarted sidecar) reads the same truth — another base port on purpose
    const twin = createCluster({ backend, stateDir: t.stateDir, basePort: await pairPorts() });
    const seen = await twin.status();
    for (const node of frozen.nodes) {
      const other = nodeOf(seen.nodes, node.name);
      expect([other.role, other.state, other.port, other.upstream]).toEqual([node.role, node.state, node.port, node.upstream]);
    }
    expect((await twin.thaw('postgres-standby')).ok).toBe(true);
    await twin.close();

    await pollUntil(async () => (await count(t.cluster, 'postgres-standby', 'network_test')) === 100_000,
      { timeoutMs: 15_000, what: 'the 100,000 rows on the standby' });
    expect(await count(t.cluster, 'postgres-primary', 'network_test')).toBe(100_000);
    const after = await pollUntil(async () => {
      const s = nodeOf((await t.cluster.status()).nodes, 'postgres-standby');
      return s.state === 'running' && s.replicationState === 'streaming' && s.lagBytes === 0 ? s : undefined;
    }, { timeoutMs: 15_000, what: 'the standby streaming with no lag' });
    expect(after?.slot?.active).toBe(true);
  });

  it('a frozen standby takes nothing once the sockets on the way are full: the walsender\'s sent_lsn stalls', async () => {
    expect((await t.cluster.freeze('postgres-standby')).ok).toBe(true);
    // ~140 MB of WAL, far more than the loopback sockets between the two (and the embedded link relay) hold
    await sql(t.cluster, 'postgres-primary', "CREATE TABLE frozen_load AS SELECT g AS id, repeat('x', 100) AS pad FROM generate_series(1, 1000000) g");
    const [row] = await sql<{ unsent: string }>(t.cluster, 'postgres-primary',
      "SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), sent_lsn) AS unsent FROM pg_stat_replication WHERE application_name = 'standby'");
    expect(Number(row?.unsent)).toBeGreaterThan(64 * 1024 * 1024);
    expect((await t.cluster.thaw('postgres-standby')).ok).toBe(true);
    await pollUntil(async () => nodeOf((await t.cluster.status()).nodes, 'postgres-standby').lagBytes === 0,
      { timeoutMs: 30_000, what: 'the standby caught up after the thaw' });
  });

  it('refuses to freeze a stopped node and to start a frozen one, with clear errors', async () => {
    await t.cluster.stop('postgres-standby');
    expect(nodeOf((await t.cluster.status()).nodes, 'postgres-standby').state).toBe('stopped');
    await expect(t.cluster.freeze('postgres-standby')).rejects.toMatchObject({ code: 'NODE_DOWN' });
    await t.cluster.start('postgres-standby');
    await t.cluster.freeze('postgres-standby');
    await expect(t.cluster.start('postgres-standby')).rejects.toMatchObject({ code: 'NODE_FROZEN' });
    // stop thaws first, then shuts down
    expect((await t.cluster.stop('postgres-standby')).ok).toBe(true);
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
