// (c) the seed's 1M-row insert (Demo 2 step 2, from snippets/) through the sidecar vs `psql -f` on the same cluster.
// Runs alternate A-B-B-A and the table is dropped before each, so neither side inherits a bigger index.
// Target: sidecar/psql <= 1.02.
import { writeFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadSnippets } from '../server/snippets/load';
import { benchEnv, median, ms, timed } from './support';

const PAIRS = Number(process.env.BENCH_PAIRS ?? 2);

export async function benchBulkInsert(): Promise<number> {
  const snippets = await loadSnippets();
  const load = [...snippets.values()].find((s) => s.id.startsWith('demo2/02'));
  if (!load || load.kind !== 'sql') throw new Error('no SQL snippet demo2/02… (the 1M-row load) found');
  const env = await benchEnv(55780, [load]);
  const file = join(tmpdir(), `pgdemo-bench-load-${process.pid}.sql`);
  await writeFile(file, load.text);
  const clean = () => env.psql('postgres-primary', ['-c', 'DROP TABLE IF EXISTS orders, demo_metrics; CHECKPOINT;']);
  const viaSidecar = async () => { await clean(); return (await timed(() => env.runSnippet(load.id)))[0]; };
  const viaPsql = async () => { await clean(); return (await timed(() => env.psql('postgres-primary', ['-f', file])))[0]; };
  try {
    const sidecar: number[] = [];
    const psql: number[] = [];
    for (let i = 0; i < PAIRS; i++) {
      if (i % 2 === 0) { psql.push(await viaPsql()); sidecar.push(await viaSidecar()); }
      else { sidecar.push(await viaSidecar()); psql.push(await viaPsql()); }
    }
    const ratio = median(sidecar) / median(psql);
    console.log(`(c) ${load.id}: 1M-row insert, ${PAIRS} runs each`);
    console.log(`    through the sidecar median ${ms(median(sidecar))}; psql -f median ${ms(median(psql))}`);
    console.log(`    ratio sidecar/psql = ${ratio.toFixed(3)} (target <= 1.02)`);
    return ratio;
  } finally {
    await rm(file, { force: true });
    await env.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await benchBulkInsert();
