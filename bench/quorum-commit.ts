// bench:beyond-pair, quorum commit: what a small commit costs under `ANY 1 (standby, standby2)` with both standbys
// healthy and with one frozen, that it waits (and for how long after a thaw) with both frozen, and what `FIRST 1
// (standby, standby2)` does when its first standby freezes. Real servers of a two-standbys cluster.
import type pg from 'pg';
import type { Cluster } from '../server/cluster/cluster';
import { sql } from '../server/cluster/sql/client';
import { commitSession, PRIMARY, setStandbyNames, STANDBYS, timedCommit } from './beyond-pair-support';
import { percentile } from './support';

const COMMITS = Number(process.env.BENCH_QUORUM_COMMITS ?? 200);
/** how long a commit must stay unanswered to count as waiting */
const WAITS_MS = Number(process.env.BENCH_QUORUM_WAIT_MS ?? 3_000);
/** how long FIRST 1 with its first standby frozen is given to answer (wal_sender_timeout is 60 s by default) */
const FIRST_LIMIT_MS = Number(process.env.BENCH_FIRST_LIMIT_MS ?? 90_000);
const TABLE = 'bench_quorum';

export interface QuorumRow {
  case: string;
  figure: string;
}

async function latencies(client: pg.Client): Promise<string> {
  const samples: number[] = [];
  for (let i = 0; i < COMMITS; i++) samples.push(await timedCommit(client, TABLE));
  return `p50 ${percentile(samples, 50).toFixed(2)} ms, p95 ${percentile(samples, 95).toFixed(2)} ms (${COMMITS} commits)`;
}

/** A commit started now: whether it is still unanswered after `WAITS_MS`, and a promise of its end. */
async function commitThatMayWait(client: pg.Client): Promise<{ waiting: boolean; done: Promise<number> }> {
  let answered = false;
  const done = client.query(`INSERT INTO ${TABLE} DEFAULT VALUES`).then(() => { answered = true; return performance.now(); });
  done.catch(() => undefined);
  await new Promise((r) => setTimeout(r, WAITS_MS));
  return { waiting: !answered, done };
}

const thawAll = (cluster: Cluster) => Promise.all(STANDBYS.map((n) => cluster.thaw(n)));

export async function measureQuorum(cluster: Cluster): Promise<QuorumRow[]> {
  const rows: QuorumRow[] = [];
  await cluster.reset('two-standbys');
  await sql(cluster, PRIMARY, `CREATE TABLE ${TABLE} (id bigserial PRIMARY KEY, at timestamptz DEFAULT now())`);
  await setStandbyNames(cluster, 'ANY 1 (standby, standby2)');
  const client = await commitSession(cluster);
  try {
    rows.push({ case: 'ANY 1 (standby, standby2), both healthy', figure: await latencies(client) });
    await cluster.freeze('postgres-standby');
    rows.push({ case: 'ANY 1, postgres-standby frozen', figure: await latencies(client) });
    await cluster.freeze('postgres-standby2');
    const both = await commitThatMayWait(client);
    const bothThawedAt = performance.now();
    await thawAll(cluster);
    const answeredAfter = (await both.done) - bothThawedAt;
    rows.push({
      case: 'ANY 1, both standbys frozen',
      figure: `${both.waiting ? `a commit waits: no answer within ${WAITS_MS / 1000} s` : `a commit answered within ${WAITS_MS / 1000} s (!)`}; `
        + `answered ${answeredAfter.toFixed(0)} ms after the thaw`,
    });

    await setStandbyNames(cluster, 'FIRST 1 (standby, standby2)');
    rows.push({ case: 'FIRST 1 (standby, standby2), both healthy', figure: await latencies(client) });
    await cluster.freeze('postgres-standby');
    const frozenAt = performance.now();
    const first = await commitThatMayWait(client);
    const answered = await Promise.race([first.done, new Promise<null>((r) => setTimeout(() => r(null), FIRST_LIMIT_MS - WAITS_MS))]);
    // who the primary counts as what once it answered (or gave up waiting for it)
    const [state] = await sql<{ states: string }>(cluster, PRIMARY,
      "SELECT string_agg(application_name || ' ' || state || ' ' || sync_state, ', ' ORDER BY application_name) AS states FROM pg_stat_replication");
    const thawedAt = performance.now();
    await thawAll(cluster);
    const end = await first.done;
    rows.push({
      case: 'FIRST 1, postgres-standby (the first) frozen',
      figure: (first.waiting ? `a commit waits (no answer within ${WAITS_MS / 1000} s)` : `a commit answered within ${WAITS_MS / 1000} s`)
        + (answered !== null
          ? `; answered ${((answered - frozenAt) / 1000).toFixed(1)} s after the freeze, without a thaw`
          : `; still waiting after ${FIRST_LIMIT_MS / 1000} s, answered ${Math.max(0, end - thawedAt).toFixed(0)} ms after the thaw`)
        + `; pg_stat_replication then: ${state?.states ?? 'no walsender'}`,
    });
  } finally {
    await thawAll(cluster).catch(() => undefined);
    await client.end().catch(() => undefined);
  }
  return rows;
}
