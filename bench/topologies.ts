// (b') `up` from nothing and `reset` per topology (embedded by default, PGDEMO_TEST_BACKENDS' first otherwise), beside
// the pair's figures of the same run, medians; each reset comes after a freeze of the standby, as a demo would leave.
// Targets (issue 25): up <= 3 s and reset <= 1.5 s for every topology. Reported, not asserted.
// `npx tsx bench/topologies.ts [<checkout> …]`: each checkout's own cluster code (its server/cluster/factory.ts, e.g.
// an older commit's `git archive` with this node_modules linked in), rounds alternating between them (A B B A …), so a
// change is read against its base under the same load; without arguments, this checkout alone.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { testBackends } from '../server/cluster/contract/backends';
import type { Cluster } from '../server/cluster/cluster';
import type { CreateClusterOptions } from '../server/cluster/factory';
import { pairPorts } from '../server/cluster/test-support';
import { TOPOLOGY_NAMES, type TopologyName } from '../shared/topology';
import { median, ms, timed } from './support';

const ROUNDS = Number(process.env.BENCH_ROUNDS_TOPOLOGY ?? 3);
const RESETS = Number(process.env.BENCH_RESETS_TOPOLOGY ?? ROUNDS);
/**
 * A pause before each reset, as a demo takes between two (default none: back to back, where each reset also waits for
 * the background work the last one left — its spare copy, its delete — so the disk's throughput is measured).
 */
const SETTLE_MS = Number(process.env.BENCH_SETTLE_MS ?? 0);

type Figures = Record<TopologyName, { ups: number[]; resets: number[] }>;

/** One build of `topology` from nothing and RESETS resets, with the cluster code of `checkout`. */
async function round(checkout: string, topology: TopologyName, into: Figures): Promise<void> {
  const { createCluster } = (await import(pathToFileURL(join(checkout, 'server/cluster/factory.ts')).href)) as
    { createCluster: (o: CreateClusterOptions) => Cluster };
  const stateDir = await mkdtemp(join(tmpdir(), 'pgdemo-bench-topologies-'));
  const cluster = createCluster({ backend: testBackends()[0], stateDir, basePort: await pairPorts() });
  try {
    into[topology].ups.push((await timed(() => cluster.up(topology)))[0]);
    for (let r = 0; r < RESETS; r++) {
      await cluster.freeze('postgres-standby');
      await new Promise((r) => setTimeout(r, SETTLE_MS));
      into[topology].resets.push((await timed(() => cluster.reset(topology)))[0]);
    }
  } finally {
    await cluster.destroy().catch(() => undefined);
    await cluster.close();
    await rm(stateDir, { recursive: true, force: true });
  }
}

export async function benchTopologies(checkouts: string[]): Promise<void> {
  const figures = checkouts.map(() => Object.fromEntries(TOPOLOGY_NAMES.map((t) => [t, { ups: [], resets: [] }])) as unknown as Figures);
  for (let r = 0; r < ROUNDS; r++) {
    const order = checkouts.map((_, i) => i);
    for (const i of r % 2 === 0 ? order : order.reverse()) {
      for (const topology of TOPOLOGY_NAMES) await round(checkouts[i]!, topology, figures[i]!);
    }
  }
  checkouts.forEach((checkout, i) => {
    const { pair } = figures[i]!;
    console.log(`(b') ${checkout}, pause before each reset ${SETTLE_MS} ms, pair: up median ${ms(median(pair.ups))}, reset median ${ms(median(pair.resets))}`);
    for (const topology of TOPOLOGY_NAMES.filter((t) => t !== 'pair')) {
      const { ups, resets } = figures[i]![topology];
      console.log(`(b') ${checkout}, ${topology}: up median ${ms(median(ups))} (${(median(ups) / median(pair.ups)).toFixed(2)}x the pair's; `
        + `target <= 3000 ms), reset median ${ms(median(resets))} (${(median(resets) / median(pair.resets)).toFixed(2)}x; `
        + `target <= 1500 ms); ${ups.length} ups, ${resets.length} resets`);
    }
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const checkouts = process.argv.slice(2).map((dir) => resolve(dir));
  await benchTopologies(checkouts.length ? checkouts : [resolve('.')]);
}
