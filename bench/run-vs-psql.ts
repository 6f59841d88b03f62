// (a) POST /api/run of a one-row SELECT vs spawning `psql -c` for the same query: p50 of 200+ each, interleaved so
// machine noise hits both alike. Target: the sidecar >= 3x faster.
import { benchEnv, median, ms, percentile, timed } from './support';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 200);
const QUERY = 'SELECT 1 AS one;';

export async function benchRunVsPsql(): Promise<number> {
  const env = await benchEnv([{ id: 'bench/select-one', kind: 'sql', node: 'postgres-primary', title: 'one row', text: QUERY }]);
  try {
    const sidecar: number[] = [];
    const psql: number[] = [];
    for (let i = 0; i < 10; i++) await env.runSnippet('bench/select-one'); // warm-up
    for (let i = 0; i < ROUNDS; i++) {
      sidecar.push((await timed(() => env.runSnippet('bench/select-one')))[0]);
      psql.push((await timed(() => env.psql('postgres-primary', ['-Atc', QUERY])))[0]);
    }
    const ratio = median(psql) / median(sidecar);
    console.log(`(a) one-row SELECT, ${ROUNDS} runs each`);
    console.log(`    POST /api/run  p50 ${ms(median(sidecar))}  p90 ${ms(percentile(sidecar, 90))}`);
    console.log(`    spawn psql -c  p50 ${ms(median(psql))}  p90 ${ms(percentile(psql, 90))}`);
    console.log(`    ratio psql/sidecar = ${ratio.toFixed(2)}x (target >= 3x)`);
    return ratio;
  } finally {
    await env.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await benchRunVsPsql();
