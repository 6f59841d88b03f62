// (b') `up` from nothing and `reset` per topology (embedded by default, PGDEMO_TEST_BACKENDS' first otherwise), beside
// the pair's figures of the same run, medians; each reset comes after a freeze of the standby, as a demo would leave.
// Targets (issue 25): up <= 3 s and reset <= 1.5 s for every topology. Reported, not asserted.
import { TOPOLOGY_NAMES, type TopologyName } from '../shared/topology';
import { testCluster } from '../server/cluster/test-support';
import { testBackends } from '../server/cluster/contract/backends';
import { median, ms, timed } from './support';

const ROUNDS = Number(process.env.BENCH_ROUNDS_TOPOLOGY ?? 3);

async function measure(topology: TopologyName): Promise<{ ups: number[]; resets: number[] }> {
  const ups: number[] = [];
  const resets: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const { cluster, cleanup } = await testCluster({ backend: testBackends()[0] });
    try {
      ups.push((await timed(() => cluster.up(topology)))[0]);
      for (let r = 0; r < ROUNDS; r++) {
        await cluster.freeze('postgres-standby');
        resets.push((await timed(() => cluster.reset(topology)))[0]);
      }
    } finally {
      await cleanup();
    }
  }
  return { ups, resets };
}

export async function benchTopologies(): Promise<void> {
  const pair = await measure('pair');
  console.log(`(b') pair: up median ${ms(median(pair.ups))}, reset median ${ms(median(pair.resets))}`);
  for (const topology of TOPOLOGY_NAMES.filter((t) => t !== 'pair')) {
    const { ups, resets } = await measure(topology);
    console.log(`(b') ${topology}: up median ${ms(median(ups))} (${(median(ups) / median(pair.ups)).toFixed(2)}x the pair's; `
      + `target <= 3000 ms), reset median ${ms(median(resets))} (${(median(resets) / median(pair.resets)).toFixed(2)}x; `
      + `target <= 1500 ms); ${ups.length} ups, ${resets.length} resets`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await benchTopologies();
