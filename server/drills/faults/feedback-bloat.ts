// hot_standby_feedback on, and a transaction on the standby that has run for ages: the standby reports its xmin to
// the primary (on its slot), whose VACUUM must keep every row version that transaction might still see — dead tuples pile up.
import { pollUntil } from '../../cluster/poll';
import { sql } from '../../cluster/sql/client';
import { alterSystem } from '../settings';
import type { Fault } from '../types';
import { PRIMARY, replicatedTable, STANDBY, waitForActive } from '../workload';

const EXPORT = 'ledger_export';

export const feedbackBloat: Fault = {
  name: 'feedback-bloat',
  title: 'hot_standby_feedback with a long standby transaction',
  cause: 'hot_standby_feedback = on and a transaction on the standby open for ages: the primary keeps its xmin '
    + '(on the standby\'s slot), so VACUUM there cannot remove dead rows and tables bloat.',
  evidence: [
    {
      kind: 'sql', node: PRIMARY, title: 'replication slots on the primary',
      sql: 'SELECT slot_name, active, xmin, age(xmin) AS xmin_age FROM pg_replication_slots',
      shows: 'the standby\'s slot holds an xmin (its oldest snapshot, sent by hot_standby_feedback), and its age grows',
      check: (rows) => rows.some((r) => r.active === true && r.xmin !== null),
    },
    {
      kind: 'sql', node: PRIMARY, title: 'dead rows on the primary after VACUUM',
      sql: `SELECT relname, n_live_tup, n_dead_tup, last_vacuum FROM pg_stat_user_tables
WHERE relname LIKE 'drill%' ORDER BY n_dead_tup DESC`,
      shows: 'drill_accounts keeps thousands of dead rows although it was just vacuumed',
      check: (rows) => rows.some((r) => r.relname === 'drill_accounts' && Number(r.n_dead_tup) >= 1000 && r.last_vacuum !== null),
    },
    {
      kind: 'sql', node: STANDBY, title: 'old transactions on the standby',
      sql: `SELECT pid, application_name, state, backend_xmin, date_trunc('second', now() - xact_start) AS open_for, left(query, 60) AS query
FROM pg_stat_activity WHERE backend_type = 'client backend' AND xact_start IS NOT NULL AND pid <> pg_backend_pid()`,
      shows: `${EXPORT}'s transaction, open since the drill began`,
      check: (rows) => rows.some((r) => r.application_name === EXPORT),
    },
    {
      kind: 'sql', node: STANDBY, title: 'hot_standby_feedback on the standby',
      sql: 'SHOW hot_standby_feedback',
      shows: 'on',
      check: (rows) => rows[0]?.hot_standby_feedback === 'on',
    },
  ],
  remedy: 'End the long transaction on the standby (pg_terminate_backend), then VACUUM on the primary removes the dead '
    + 'rows; cap such queries (statement_timeout on the standby) or turn hot_standby_feedback off.',
  hints: [
    'A table on the primary grows though its row count does not.',
    'VACUUM runs but removes little: who holds the oldest xmin? Include the standbys.',
    'The standby\'s slot on the primary has an xmin: a long transaction on the standby, reported by hot_standby_feedback.',
  ],
  touches: ['hot_standby_feedback', 'standby stream'],
  showsWithinMs: 10_000,
  available: () => null,

  async inject(ctx) {
    await replicatedTable(ctx, 'drill_accounts', 'SELECT g AS id, 0 AS balance FROM generate_series(1, 2000) g');
    await sql(ctx.cluster, PRIMARY, 'ALTER TABLE drill_accounts SET (autovacuum_enabled = false)');
    await ctx.held.start(STANDBY, EXPORT, 'SELECT pg_sleep(3600), count(*) FROM drill_accounts');
    await waitForActive(ctx, STANDBY, EXPORT);
    // a reload makes the walreceiver send feedback at once, with the export's snapshot already open
    await alterSystem(ctx.cluster, STANDBY, { hot_standby_feedback: 'on' });
    await pollUntil(async () => (await sql(ctx.cluster, PRIMARY,
      'SELECT 1 FROM pg_replication_slots WHERE active AND xmin IS NOT NULL')).length > 0,
    { timeoutMs: 15_000, intervalMs: 50, what: 'the standby\'s xmin on the primary' });
    await sql(ctx.cluster, PRIMARY, 'UPDATE drill_accounts SET balance = balance + 1');
    await sql(ctx.cluster, PRIMARY, 'VACUUM drill_accounts');
  },

  async fix(ctx) {
    await ctx.held.end(EXPORT);
    await alterSystem(ctx.cluster, STANDBY, { hot_standby_feedback: null });
    await pollUntil(async () => (await sql(ctx.cluster, PRIMARY,
      'SELECT 1 FROM pg_replication_slots WHERE xmin IS NOT NULL')).length === 0,
    { timeoutMs: 10_000, intervalMs: 50, what: 'the primary to forget the standby\'s xmin' });
    await sql(ctx.cluster, PRIMARY, 'VACUUM drill_accounts');
  },
};
