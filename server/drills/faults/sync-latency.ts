// The standby is synchronous and the link to it got slow: every commit waits a round trip. Nothing is broken — no
// error, the standby streams — the application is just slow.
import { sql } from '../../cluster/sql/client';
import type { Fault } from '../types';
import { PRIMARY, startWriter, WRITER_TABLE_SQL } from '../workload';

const APP = 'orders_app';
const ROUND_TRIP_MS = 300;

export const syncLatency: Fault = {
  name: 'sync-latency',
  title: 'Link latency under synchronous commit',
  cause: `The standby is synchronous and the link to it gained ${ROUND_TRIP_MS} ms of round trip: every commit on the `
    + 'primary waits for the standby\'s flush, so every write is slow while nothing reports an error.',
  evidence: [
    {
      kind: 'sql', node: PRIMARY, title: 'pg_stat_replication on the primary',
      sql: `SELECT application_name, state, sync_state, write_lag, flush_lag, replay_lag
FROM pg_stat_replication`,
      shows: `the standby streams as sync, with write_lag and flush_lag near ${ROUND_TRIP_MS / 1000} s`,
      check: (rows) => rows.some((r) => r.sync_state === 'sync' && lagSeconds(r.flush_lag) >= (ROUND_TRIP_MS * 0.6) / 1000),
    },
    {
      kind: 'sql', node: PRIMARY, title: 'synchronous_standby_names on the primary',
      sql: 'SHOW synchronous_standby_names',
      shows: 'names the standby: commits wait for it',
      check: (rows) => String(rows[0]?.synchronous_standby_names ?? '') !== '',
    },
    {
      kind: 'sql', node: PRIMARY, title: 'what sessions on the primary wait for',
      sql: `SELECT application_name, state, wait_event_type, wait_event FROM pg_stat_activity
WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()`,
      shows: `${APP} often waits on SyncRep (sample it a few times)`,
    },
  ],
  remedy: 'Fix the link\'s latency (or move the synchronous standby closer); where a commit need not wait, '
    + 'synchronous_commit = local or an asynchronous standby.',
  hints: [
    'Nothing is down, nothing errors; users say every save is slow.',
    'Look at the lag columns of pg_stat_replication and at what the application\'s sessions wait for.',
    'Every commit waits for a synchronous standby, and the round trip to it is long.',
  ],
  touches: ['network link', 'synchronous_standby_names'],
  showsWithinMs: 10_000,
  available: () => null,

  async inject(ctx) {
    await sql(ctx.cluster, PRIMARY, WRITER_TABLE_SQL('drill_app_writes'));
    await ctx.cluster.setLatency(ROUND_TRIP_MS);
    await ctx.cluster.setSync(true);
    await startWriter(ctx, 'drill_app_writes', APP);
  },

  async fix(ctx) {
    await ctx.cluster.setLatency(0);
    await ctx.cluster.setSync(false);
    await ctx.held.end(APP);
  },
};

/** An interval as pg returns it ({ seconds, milliseconds } or null) in seconds. */
function lagSeconds(value: unknown): number {
  if (!value || typeof value !== 'object') return 0;
  const v = value as { hours?: number; minutes?: number; seconds?: number; milliseconds?: number };
  return (v.hours ?? 0) * 3600 + (v.minutes ?? 0) * 60 + (v.seconds ?? 0) + (v.milliseconds ?? 0) / 1000;
}
