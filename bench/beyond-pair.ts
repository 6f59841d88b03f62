// `npm run bench:beyond-pair` — the closing note's figures for Demo 8 (issue 25), on real servers of a two-standbys
// cluster: quorum commit latency (ANY 1 healthy, one standby frozen, both frozen; FIRST 1 with its first frozen), the
// promotion choice by received LSN after a kill -9 of the primary under write load, and lost acknowledged commits in
// BENCH_CRASH_RUNS (default 20) crash runs under ANY 1 and as many async, one cluster reset between runs; and (part
// `deck`) Demo 8's own failover block as many times through a sidecar (bench/deck-failover.ts).
// Embedded by default; BENCH_BEYOND_BACKEND=docker (or PGDEMO_TEST_BACKENDS' first) for docker, under
// `flock /tmp/pgdemo-docker.lock`. BENCH_BEYOND_PARTS=quorum,crash,deck picks parts.
import { testBackends } from '../server/cluster/contract/backends';
import { testCluster } from '../server/cluster/test-support';
import type { BackendKind } from '../shared/types';
import { crashRun, STALL_MS, type CrashRun, type Stall } from './crash-promotion';
import { measureDeckFailover } from './deck-failover';
import { measureQuorum } from './quorum-commit';
import { median } from './support';

const RUNS = Number(process.env.BENCH_CRASH_RUNS ?? 20);
const PARTS = new Set((process.env.BENCH_BEYOND_PARTS ?? 'quorum,crash,deck').split(','));
const ANY1 = 'ANY 1 (standby, standby2)';
const MODES: [label: string, names: typeof ANY1 | '', stall: Stall][] = [
  [ANY1, ANY1, 'none'],
  ["'' (async)", '', 'none'],
  [`ANY 1, one standby's walsender stalled ${STALL_MS} ms before the kill`, ANY1, 'one'],
  [`'' (async), both walsenders stalled ${STALL_MS} ms before the kill`, '', 'both'],
];

const range = (values: number[]) => `${Math.min(...values)} / ${median(values)} / ${Math.max(...values)}`;
const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

function crashRow(mode: string, runs: CrashRun[]): string {
  const byNode = (node: string) => runs.filter((r) => r.promoted === node && r.aheadBytes > 0).length;
  const ahead = runs.map((r) => r.aheadBytes);
  return `| ${mode} | ${runs.length} | ${range(runs.map((r) => r.acknowledged))} | ${range(runs.map((r) => r.lost))} `
    + `| ${sum(runs.map((r) => r.lost))} (${runs.filter((r) => r.lost > 0).length} runs) `
    + `| ${sum(runs.map((r) => r.lostHadOtherBeenPromoted))} (${runs.filter((r) => r.lostHadOtherBeenPromoted > 0).length} runs) `
    + `| ${sum(runs.map((r) => r.unacknowledgedKept))} `
    + `| standby ${byNode('postgres-standby')}, standby2 ${byNode('postgres-standby2')}, equal ${runs.filter((r) => r.aheadBytes === 0).length} `
    + `| ${range(ahead)} | ${runs.filter((r) => r.followed).length}/${runs.length} |`;
}

async function main(backend: BackendKind): Promise<void> {
  const { cluster, cleanup } = await testCluster({ backend });
  const out: string[] = [`bench:beyond-pair, ${backend}, ${new Date().toISOString()}`];
  try {
    await cluster.up('two-standbys');
    if (PARTS.has('quorum')) {
      const rows = await measureQuorum(cluster);
      out.push('', '| quorum commit (small autocommit INSERTs on one session) | figure |', '| --- | --- |',
        ...rows.map((r) => `| ${r.case} | ${r.figure} |`));
      console.log(out.slice(-rows.length - 2).join('\n'));
    }
    if (PARTS.has('crash')) {
      out.push('', `kill -9 of the primary under ${process.env.BENCH_CRASH_WRITERS ?? 4} writers, the furthest standby by `
        + 'pg_last_wal_receive_lsn() promoted, the other following it:', '',
      '| synchronous_standby_names | runs | acknowledged min / median / max | lost min / median / max | lost in all runs '
        + '| lost had the other been promoted | kept but never acknowledged | ahead by received LSN | ahead by, bytes min / median / max | the other followed |',
      '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
      // the stalls stop processes by their pids here: embedded only
      for (const [mode, names, stall] of MODES.filter((m) => backend === 'embedded' || m[2] === 'none')) {
        const runs: CrashRun[] = [];
        for (let i = 0; i < RUNS; i++) {
          const run = await crashRun(cluster, names, stall);
          runs.push(run);
          console.error(`${mode} #${i + 1}: acknowledged ${run.acknowledged}, lost ${run.lost} (${run.lostHadOtherBeenPromoted} had the other `
            + `been promoted), kept unacknowledged ${run.unacknowledgedKept}; promoted ${run.promoted}, ahead by ${run.aheadBytes} bytes; followed ${run.followed}`);
        }
        out.push(crashRow(mode, runs));
      }
    }
  } finally {
    await cleanup();
  }
  // its own cluster behind a sidecar, as the deck runs it (after the one above is gone: one cluster at a time)
  if (PARTS.has('deck')) out.push('', `Demo 8's failover block under ANY 1, ${RUNS} runs, a two-standbys reset before each:`, '',
    ...await measureDeckFailover(backend, RUNS));
  console.log(`\n${out.join('\n')}`);
}

const backend = (process.env.BENCH_BEYOND_BACKEND ?? testBackends()[0]) as BackendKind;
await main(backend);
