// Every topology through the Cluster interface, on every backend: one cluster per backend, switched by reset (never
// rebuilt per test: the CI budget). Each standby streams from the upstream its topology names, through its own slot;
// in a cascade each walsender is on its own upstream and a frozen middle node stalls the last one; back to the pair,
// no third server is left (docker: no third container running). Both backends build every topology. Per-link faults
// and quorum commit run on the same cluster (testing/link-cases.ts).
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TOPOLOGY_NAMES, topologyNodes, topologyStreams, type TopologyName } from '../../../shared/topology';
import type { ClusterStatus, NodeName } from '../../../shared/types';
import { applicationNameOf, slotOf } from '../naming';
import { pollUntil } from '../poll';
import { NodeContainer } from '../docker/node-container';
import { connectEngine } from '../docker/engine';
import { count, nodeOf, postgresMentioning, sql, testCluster, type TestCluster } from '../test-support';
import { testBackends } from './backends';
import { cascadeLinkFaults, quorumCommit, twoStandbysCut } from './testing/link-cases';

function expectShape(status: ClusterStatus, topology: TopologyName): void {
  expect(status.topology).toBe(topology);
  expect(status.nodes.map((n) => n.name)).toEqual(topologyNodes(topology));
  for (const { node, upstream } of topologyStreams(topology)) {
    const seen = nodeOf(status.nodes, node);
    if (!upstream) {
      expect(seen, node).toMatchObject({ role: 'primary', state: 'running', timeline: 1 });
      continue;
    }
    expect(seen, node).toMatchObject({ role: 'standby', state: 'running', upstream, replicationState: 'streaming' });
    expect(seen.slot, node).toMatchObject({ name: slotOf(node), active: true });
  }
}

/** The application_names of the walsenders on `node` (its pg_stat_replication). */
async function walsenders(t: TestCluster, node: NodeName): Promise<string[]> {
  const rows = await sql<{ name: string }>(t.cluster, node,
    'SELECT application_name AS name FROM pg_stat_replication ORDER BY 1');
  return rows.map((r) => r.name);
}

describe.each(testBackends())('%s backend: topologies', (backend) => {
  let t: TestCluster;
  const resetMs: string[] = [];

  beforeAll(async () => {
    t = await testCluster({ backend });
    expect((await t.cluster.up()).ok).toBe(true);
  });

  afterAll(async () => {
    console.log(`${backend} reset durations per topology (ms): ${resetMs.join(', ')}`);
    await t?.cleanup();
  });

  it('builds every topology', () => {
    expect(t.cluster.topologies).toEqual(TOPOLOGY_NAMES);
  });

  it.each(TOPOLOGY_NAMES.filter((n) => n !== 'pair'))('reset to %s: each standby streams from its upstream through its own slot', async (topology) => {
    const report = await t.cluster.reset(topology);
    expect(report.ok).toBe(true);
    resetMs.push(`${topology} ${report.durationMs}`);
    const status = await pollUntil(async () => {
      const s = await t.cluster.status();
      return s.nodes.every((n) => n.role === 'primary' || n.replicationState === 'streaming') ? s : undefined;
    }, { timeoutMs: 10_000, what: `every standby of ${topology} streaming` });
    expectShape(status!, topology);
    // what the primary writes reaches every node, the cascade's last one through the middle one
    await sql(t.cluster, 'postgres-primary', 'CREATE TABLE topology_probe AS SELECT generate_series(1, 1000) AS id');
    for (const node of ['postgres-standby', 'postgres-standby2'] as const) {
      await pollUntil(async () => (await count(t.cluster, node, 'topology_probe').catch(() => 0)) === 1000,
        { timeoutMs: 10_000, what: `the rows on ${node}` });
    }
  });

  it('in a cascade, each walsender is on its own upstream, and a frozen middle node stalls the last one', async () => {
    expect((await t.cluster.reset('cascade')).ok).toBe(true);
    expect(await walsenders(t, 'postgres-primary')).toEqual([applicationNameOf('postgres-standby')]);
    expect(await walsenders(t, 'postgres-standby')).toEqual([applicationNameOf('postgres-standby2')]);

    await sql(t.cluster, 'postgres-primary', 'CREATE TABLE cascade_probe (id int)');
    await pollUntil(async () => (await count(t.cluster, 'postgres-standby2', 'cascade_probe').catch(() => -1)) === 0,
      { timeoutMs: 10_000, what: 'the table on postgres-standby2' });
    expect((await t.cluster.freeze('postgres-standby')).ok).toBe(true);
    await sql(t.cluster, 'postgres-primary', 'INSERT INTO cascade_probe SELECT generate_series(1, 5000)');
    await new Promise((r) => setTimeout(r, 1_500));
    expect(await count(t.cluster, 'postgres-standby2', 'cascade_probe')).toBe(0);
    const stalled = nodeOf((await t.cluster.status()).nodes, 'postgres-standby2');
    expect(stalled).toMatchObject({ state: 'running', upstream: 'postgres-standby' });

    expect((await t.cluster.thaw('postgres-standby')).ok).toBe(true);
    await pollUntil(async () => (await count(t.cluster, 'postgres-standby2', 'cascade_probe')) === 5000,
      { timeoutMs: 15_000, what: 'postgres-standby2 catching up once the middle node thaws' });

    // down and up: the cascade is reattached as it is, upstreams first (the start order streams.ts reads from files)
    expect((await t.cluster.down()).ok).toBe(true);
    expect((await t.cluster.status()).nodes.map((n) => n.state)).toEqual(['stopped', 'stopped', 'stopped']);
    const up = await t.cluster.up();
    expect(up).toMatchObject({ ok: true, detail: expect.stringMatching(/started postgres-primary; started postgres-standby; started postgres-standby2/) });
    expectShape(await pollUntil(async () => {
      const s = await t.cluster.status();
      return s.nodes.every((n) => n.role === 'primary' || n.replicationState === 'streaming') ? s : undefined;
    }, { timeoutMs: 10_000, what: 'the cascade streaming again after up' }) as ClusterStatus, 'cascade');
  });

  it('with two standbys, after a failover the other standby follows the new primary and the old one is rebuilt from it', async () => {
    expect((await t.cluster.reset('two-standbys')).ok).toBe(true);
    expect((await t.cluster.crash('postgres-primary')).ok).toBe(true);
    expect((await t.cluster.promote('postgres-standby')).ok).toBe(true);
    // re-pointed on the new timeline, without a rebuild
    expect((await t.cluster.follow('postgres-standby2', 'postgres-standby', { waitMs: 20_000 })).ok).toBe(true);
    await sql(t.cluster, 'postgres-standby', 'CREATE TABLE after_failover AS SELECT 1 AS id');
    await pollUntil(async () => (await count(t.cluster, 'postgres-standby2', 'after_failover').catch(() => 0)) === 1,
      { timeoutMs: 10_000, what: 'the new primary\'s table on postgres-standby2' });
    // the source of a rebuild is the running primary among the other nodes, not "the other node"
    const rebuilt = await t.cluster.rebuild('postgres-primary');
    expect(rebuilt.ok).toBe(true);
    expect(rebuilt.detail).toMatch(/postgres-primary streams from postgres-standby/);
    const status = await t.cluster.status();
    expect(status.nodes.map((n) => [n.name, n.role, n.upstream, n.timeline])).toEqual([
      ['postgres-primary', 'standby', 'postgres-standby', 2],
      ['postgres-standby', 'primary', null, 2],
      ['postgres-standby2', 'standby', 'postgres-standby', 2],
    ]);
  });

  // per-link faults and quorum commit (testing/link-cases.ts), on this same cluster
  it('in a cascade, latency on the middle link delays only standby2; a cut of it stalls standby2 until it heals', () => cascadeLinkFaults(t, backend));
  it('with two standbys, a cut of primary <-> standby2 leaves standby streaming; heal of the node heals the link', () => twoStandbysCut(t));
  it('ANY 1 commits with one standby frozen and waits with both; FIRST 1 waits for the first one', () => quorumCommit(t));

  it('reset back to the pair leaves no third server, and refuses operations on a node the pair lacks', async () => {
    const report = await t.cluster.reset('pair');
    expect(report.ok).toBe(true);
    resetMs.push(`pair ${report.durationMs}`);
    expectShape(await t.cluster.status(), 'pair');
    if (backend === 'embedded') {
      expect(await postgresMentioning(join(t.stateDir, 'nodes', 'postgres-standby2'))).toEqual([]);
    } else {
      expect(['missing', 'stopped']).toContain(await new NodeContainer(connectEngine().docker, 'postgres-standby2').state());
    }
    await expect(t.cluster.freeze('postgres-standby2')).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(t.cluster.follow('postgres-standby', 'postgres-standby2')).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    // a reset without a topology keeps the recorded one
    expect((await t.cluster.reset()).ok).toBe(true);
    expect((await t.cluster.status()).topology).toBe('pair');
  });
});
