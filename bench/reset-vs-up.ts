// (b) `reset` (golden copy) vs a from-scratch `up` (embedded: a copy of initdb's cached output, the standby a copy of the stopped
// primary; docker: new containers), both to a streaming pair, medians.
// Target: reset <= 1.5 s.
import { testCluster } from '../server/cluster/test-support';
import { median, ms, timed } from './support';

const ROUNDS = Number(process.env.BENCH_ROUNDS_RESET ?? 5);

export async function benchResetVsUp(): Promise<number> {
  const ups: number[] = [];
  const resets: number[] = [];
  for (let i = 0; i < Math.max(3, Math.ceil(ROUNDS / 2)); i++) {
    const { cluster, cleanup } = await testCluster();
    try {
      ups.push((await timed(() => cluster.up()))[0]);
      // dirty it a little, as a demo would, then reset
      for (let r = 0; r < Math.ceil(ROUNDS / 3); r++) {
        await cluster.freeze('postgres-standby');
        resets.push((await timed(() => cluster.reset()))[0]);
      }
    } finally {
      await cleanup();
    }
  }
  const ratio = median(ups) / median(resets);
  console.log(`(b) from-scratch up: median ${ms(median(ups))} over ${ups.length}; reset: median ${ms(median(resets))} over ${resets.length}`);
  console.log(`    reset is ${ratio.toFixed(2)}x faster than up (target: reset <= 1500 ms)`);
  return median(resets);
}

if (import.meta.url === `file://${process.argv[1]}`) await benchResetVsUp();
