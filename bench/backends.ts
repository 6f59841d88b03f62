// Both backends side by side, each figure a ratio measured in the same run (this machine is noisy):
// (a) a one-row SELECT through the sidecar vs a terminal's psql -c (embedded: spawning psql; docker: docker exec psql)
// (b) reset to the start state vs building the pair from nothing
// (c) with a round trip of L ms added on the replication link: a synchronous commit vs an asynchronous one
// Run: npx tsx bench/backends.ts   (docker part: needs an engine and PG_IMAGE; BENCH_BACKENDS=embedded skips it)
import pg from 'pg';
import type { BackendKind } from '../shared/types';
import { benchEnv, median, ms, timed } from './support';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 60);
const RESETS = Number(process.env.BENCH_ROUNDS_RESET ?? 5);
const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 50);
const QUERY = 'SELECT 1 AS one;';

interface Row {
  backend: BackendKind;
  sidecarMs: number;
  terminalMs: number;
  upMs: number;
  resetMs: number;
  asyncCommitMs: number;
  syncCommitMs: number;
}

async function measure(backend: BackendKind): Promise<Row> {
  const env = await benchEnv([{ id: 'bench/select-one', kind: 'sql', node: 'postgres-primary', title: 'one row', text: QUERY }], backend);
  try {
    const { cluster } = env;
    // (a)
    const sidecar: number[] = [];
    const terminal: number[] = [];
    for (let i = 0; i < 5; i++) await env.runSnippet('bench/select-one');
    for (let i = 0; i < ROUNDS; i++) {
      sidecar.push((await timed(() => env.runSnippet('bench/select-one')))[0]);
      terminal.push((await timed(() => env.psql('postgres-primary', ['-Atc', QUERY])))[0]);
    }
    // (b): a build from nothing (destroy first), then resets from a dirtied pair
    await cluster.destroy();
    const [upMs] = await timed(() => cluster.up());
    const resets: number[] = [];
    for (let i = 0; i < RESETS; i++) {
      await cluster.freeze('postgres-standby');
      resets.push((await timed(() => cluster.reset()))[0]);
    }
    // (c): one client session, single-row autocommit INSERTs
    const client = new pg.Client({ ...cluster.connection('postgres-primary'), connectionTimeoutMillis: 5_000 });
    await client.connect();
    let asyncCommitMs: number;
    let syncCommitMs: number;
    try {
      await client.query('CREATE TABLE bench_commit (id int)');
      await cluster.setLatency(LATENCY_MS);
      const commits = async () => {
        const times: number[] = [];
        for (let i = 0; i < 20; i++) times.push((await timed(() => client.query('INSERT INTO bench_commit VALUES (1)')))[0]);
        return median(times);
      };
      asyncCommitMs = await commits();
      await cluster.setSync(true);
      syncCommitMs = await commits();
      await cluster.setSync(false);
      await cluster.setLatency(0);
    } finally {
      await client.end();
    }
    return { backend, sidecarMs: median(sidecar), terminalMs: median(terminal), upMs, resetMs: median(resets), asyncCommitMs, syncCommitMs };
  } finally {
    await env.close();
  }
}

export async function benchBackends(): Promise<Row[]> {
  const backends = (process.env.BENCH_BACKENDS ?? 'embedded,docker').split(',') as BackendKind[];
  const rows: Row[] = [];
  for (const backend of backends) rows.push(await measure(backend));
  console.log(`\nBackends side by side (${ROUNDS} one-row runs, ${RESETS} resets, +${LATENCY_MS} ms round trip for (c)):`);
  console.log('| backend | (a) sidecar p50 | terminal psql p50 | terminal/sidecar | (b) up | reset | up/reset | (c) async commit | sync commit | sync/async |');
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const r of rows) {
    console.log(`| ${r.backend} | ${ms(r.sidecarMs)} | ${ms(r.terminalMs)} | ${(r.terminalMs / r.sidecarMs).toFixed(1)}x | ${ms(r.upMs)} | ${ms(r.resetMs)} | `
      + `${(r.upMs / r.resetMs).toFixed(1)}x | ${ms(r.asyncCommitMs)} | ${ms(r.syncCommitMs)} | ${(r.syncCommitMs / r.asyncCommitMs).toFixed(1)}x |`);
  }
  return rows;
}

if (import.meta.url === `file://${process.argv[1]}`) await benchBackends();
