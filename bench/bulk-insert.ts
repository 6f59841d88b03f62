// (c) the seed's 1M-row insert (Demo 2 step 2, from snippets/) through the sidecar vs `psql -f` on the same cluster.
// Runs alternate A-B-B-A and the table is dropped before each, so neither side inherits a bigger index. One run takes
// 6-9 s and single runs vary by ±20% on these machines, so the figure is the median of each adjacent pair's ratio:
// slow drift of the machine cancels out within a pair.
// Target: sidecar/psql <= 1.02.
import { writeFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadSnippets } from '../server/snippets/load';
import { benchEnv, median, ms, percentile, timed } from './support';

const PAIRS = Number(process.env.BENCH_PAIRS ?? 8);

export async function benchBulkInsert(): Promise<number> {
  const snippets = await loadSnippets();
  const load = [...snippets.values()].find((s) => s.id.startsWith('demo2/02'));
  if (!load || load.kind !== 'sql') throw new Error('no SQL snippet demo2/02… (the 1M-row load) found');
  const env = await benchEnv([load]);
  const file = join(tmpdir(), `pgdemo-bench-load-${process.pid}.sql`);
  await writeFile(file, load.text);
  // Each run starts from the same place: no table, a checkpoint done, and the standby done replaying the previous
  // run's ~280 MB of WAL (it would otherwise compete for the two cores during the next run).
  const clean = async () => {
    await env.psql('postgres-primary', ['-c', 'DROP TABLE IF EXISTS orders, demo_metrics; CHECKPOINT;']);
    const caughtUp = 'SELECT count(*) FROM pg_stat_replication WHERE replay_lsn >= pg_current_wal_lsn()';
    for (let waited = 0; (await env.psql('postgres-primary', ['-Atc', caughtUp])).trim() !== '1'; waited += 100) {
      if (waited > 120_000) throw new Error('the standby did not catch up within 2 minutes');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };
  const viaSidecar = async () => { await clean(); return (await timed(() => env.runSnippet(load.id)))[0]; };
  const viaPsql = async () => { await clean(); return (await timed(() => env.psql('postgres-primary', ['-f', file])))[0]; };
  try {
    const sidecar: number[] = [];
    const psql: number[] = [];
    for (let i = 0; i < PAIRS; i++) {
      if (i % 2 === 0) { psql.push(await viaPsql()); sidecar.push(await viaSidecar()); }
      else { sidecar.push(await viaSidecar()); psql.push(await viaPsql()); }
    }
    const pairRatios = sidecar.map((v, i) => v / psql[i]!);
    const ratio = median(pairRatios);
    console.log(`(c) ${load.id}: 1M-row insert, ${PAIRS} runs each`);
    console.log(`    through the sidecar median ${ms(median(sidecar))}; psql -f median ${ms(median(psql))}`);
    console.log(`    samples: sidecar ${sidecar.map((v) => v.toFixed(0)).join(", ")}; psql ${psql.map((v) => v.toFixed(0)).join(", ")}`);
    console.log(`    ratio sidecar/psql, median of the pairs = ${ratio.toFixed(3)} (target <= 1.02); `
      + `pairs' interquartile range ${percentile(pairRatios, 25).toFixed(2)}–${percentile(pairRatios, 75).toFixed(2)}`);
    return ratio;
  } finally {
    await rm(file, { force: true });
    await env.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await benchBulkInsert();
