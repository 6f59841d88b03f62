// `npm run bench:drills`: each drill fault's injection and remedy (to a healthy streaming pair), medians over
// BENCH_ROUNDS_DRILLS rounds on one pair, as ratios against a baseline measured in the same run on the same pair: a
// `reset` (what every drill starts from). The targets (inject <= 2 s, remedy <= 3 s) are printed beside them,
// not asserted. BENCH_BACKEND=docker for the containers (under flock /tmp/pgdemo-docker.lock); BENCH_DRILLS_FAULTS=a,b
// for only those faults (the baseline is still the resets of this run).
import type { BackendKind } from '../shared/types';
import { testCluster } from '../server/cluster/test-support';
import { FAULTS } from '../server/drills/catalog';
import { rehearseFault } from '../server/drills/rehearse-drills';
import { median, ms } from './support';

const ROUNDS = Number(process.env.BENCH_ROUNDS_DRILLS ?? 3);
const INJECT_TARGET_MS = 2_000;
const REMEDY_TARGET_MS = 3_000;
const ONLY = process.env.BENCH_DRILLS_FAULTS?.split(',').map((f) => f.trim()).filter(Boolean);

export async function benchDrills(backend = (process.env.BENCH_BACKEND ?? 'embedded') as BackendKind): Promise<void> {
  const { cluster, cleanup } = await testCluster({ backend });
  try {
    await cluster.up();
    const resets: number[] = [];
    const figures: { fault: string; inject?: number; remedy?: number }[] = [];
    const unknown = ONLY?.filter((name) => !FAULTS.some((f) => f.name === name)) ?? [];
    if (unknown.length) throw new Error(`BENCH_DRILLS_FAULTS: no fault ${unknown.join(', ')}; faults: ${FAULTS.map((f) => f.name).join(', ')}`);
    for (const fault of FAULTS.filter((f) => !ONLY || ONLY.includes(f.name))) {
      const injects: number[] = [];
      const remedies: number[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        const cycle = await rehearseFault(cluster, fault);
        if (!cycle.passed) throw new Error(`${fault.name}: ${cycle.error}`);
        if (cycle.skipped) break;
        resets.push(cycle.resetMs!);
        injects.push(cycle.injectMs!);
        remedies.push(cycle.healthyMs!);
      }
      figures.push(injects.length ? { fault: fault.name, inject: median(injects), remedy: median(remedies) } : { fault: fault.name });
    }
    const baseline = median(resets);
    console.log(`(drills) ${backend}: ${ROUNDS} rounds per fault; baseline: reset, median ${ms(baseline)} over ${resets.length}`);
    for (const { fault, inject, remedy } of figures) {
      if (inject === undefined || remedy === undefined) {
        console.log(`  ${fault.padEnd(28)} not offered here`);
        continue;
      }
      console.log(`  ${fault.padEnd(28)} inject ${ms(inject).padStart(10)} = ${(inject / baseline).toFixed(2)}x a reset (${mark(inject, INJECT_TARGET_MS)})`
        + `   remedy ${ms(remedy).padStart(10)} = ${(remedy / baseline).toFixed(2)}x a reset (${mark(remedy, REMEDY_TARGET_MS)})`);
    }
  } finally {
    await cleanup();
  }
}

const mark = (value: number, target: number) => `${value <= target ? 'within' : 'OVER'} ${target / 1000} s`;

if (import.meta.url === `file://${process.argv[1]}`) await benchDrills();
