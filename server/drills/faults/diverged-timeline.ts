// A failover, then the old primary — which took writes after it — started again as a standby without pg_rewind: its
// WAL has gone past the point where the new primary's timeline forked, so it cannot follow and says so.
import { sql } from '../../cluster/sql/client';
import type { Fault } from '../types';
import { PRIMARY, STANDBY } from '../workload';

export const divergedTimeline: Fault = {
  name: 'diverged-timeline',
  title: 'The old primary restarted after a failover without rewind',
  cause: 'After a failover the old primary took more writes, then was started as a standby of the new primary without '
    + 'pg_rewind: its WAL goes past the fork of the new timeline, so it can never stream from it.',
  evidence: [
    {
      kind: 'sql', node: STANDBY, title: 'timelines: postgres-standby',
      sql: `SELECT pg_is_in_recovery() AS in_recovery,
       ('x' || substr(pg_walfile_name(pg_current_wal_lsn()), 1, 8))::bit(32)::int AS timeline`,
      shows: 'postgres-standby is a primary now, on timeline 2',
      check: (rows) => rows[0]?.in_recovery === false && Number(rows[0]?.timeline) >= 2,
    },
    {
      kind: 'sql', node: STANDBY, title: 'pg_stat_replication on the new primary',
      sql: 'SELECT application_name, state, sent_lsn, replay_lsn FROM pg_stat_replication',
      shows: 'the old primary connects over and over (startup, catchup) and never follows',
    },
    {
      kind: 'sql', node: PRIMARY, title: 'timelines: postgres-primary',
      sql: 'SELECT pg_is_in_recovery() AS in_recovery, timeline_id FROM pg_control_checkpoint()',
      shows: 'postgres-primary is a standby still on timeline 1',
      check: (rows) => rows[0]?.in_recovery === true && Number(rows[0]?.timeline_id) === 1,
    },
    {
      kind: 'log', node: PRIMARY, title: "postgres-primary's log",
      pattern: /forked off current database system timeline|is not in this server's history|not a child of this server's history/,
      shows: '"new timeline 2 forked off current database system timeline 1 before current recovery point …" '
        + '(or "requested starting point … is not in this server\'s history")',
    },
  ],
  remedy: 'pg_rewind the old primary from the new one (or rebuild it with pg_basebackup), then start it as its standby.',
  hints: [
    'There was a failover; the old primary came back, but it does not replicate.',
    'Compare the two nodes\' timelines, and read the old primary\'s log.',
    'Its WAL diverged from the new timeline: it needs pg_rewind before it can follow.',
  ],
  touches: ['topology'],
  showsWithinMs: 15_000,
  available: () => null,

  async inject(ctx) {
    await ctx.cluster.promote(STANDBY);
    // the application, not told of the failover, writes to the old primary: its WAL diverges
    await sql(ctx.cluster, PRIMARY, 'CREATE TABLE drill_late_orders AS SELECT g AS id FROM generate_series(1, 100) g');
    await sql(ctx.cluster, STANDBY, 'CREATE TABLE drill_new_orders AS SELECT g AS id FROM generate_series(1, 100) g');
    // restarted as a standby of the new primary, without a rewind: it will not stream (waitMs 0: do not wait to see)
    await ctx.cluster.follow(PRIMARY, STANDBY, { waitMs: 0 });
  },

  async fix(ctx) {
    const report = await ctx.cluster.rewind(PRIMARY);
    if (!report.ok) throw new Error(report.detail ?? 'the rewind did not reach its goal');
  },
};
