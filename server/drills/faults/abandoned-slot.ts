// A physical slot made for a consumer that went away: nothing reads it, so the primary keeps every WAL segment since
// its restart_lsn — disk fills, and nothing else looks wrong.
import { sql } from '../../cluster/sql/client';
import type { Fault } from '../types';
import { PRIMARY } from '../workload';

const SLOT = 'analytics_cdc';
const MIN_RETAINED = 8 * 1024 * 1024;

export const abandonedSlot: Fault = {
  name: 'abandoned-slot',
  title: 'An abandoned replication slot retains WAL',
  cause: `A replication slot (${SLOT}) whose consumer is gone: inactive, its restart_lsn never moves, so the primary `
    + 'keeps all WAL since then and pg_wal grows without bound.',
  evidence: [
    {
      kind: 'sql', node: PRIMARY, title: 'replication slots on the primary',
      sql: `SELECT slot_name, active, restart_lsn, wal_status,
       pg_wal_lsn_diff(pg_current_wal_lsn(), restart_lsn) AS retained_bytes,
       pg_size_pretty(pg_wal_lsn_diff(pg_current_wal_lsn(), restart_lsn)) AS retained
FROM pg_replication_slots ORDER BY slot_name`,
      shows: `${SLOT}: active = false, retaining megabytes of WAL (and more after every write)`,
      check: (rows) => rows.some((r) => r.slot_name === SLOT && r.active === false && Number(r.retained_bytes) >= MIN_RETAINED),
    },
    {
      kind: 'sql', node: PRIMARY, title: 'pg_wal on the primary',
      sql: 'SELECT count(*) AS segments, pg_size_pretty(sum(size)) AS size FROM pg_ls_waldir()',
      shows: 'more segments than max_wal_size and the checkpoints would keep',
    },
  ],
  remedy: `Drop the slot nobody reads (SELECT pg_drop_replication_slot('${SLOT}')); the next checkpoint recycles the WAL.`,
  hints: [
    'Replication is fine; the primary\'s disk is not.',
    'Something keeps the primary from recycling WAL: look at pg_replication_slots.',
    `A slot with active = false (${SLOT}) holds restart_lsn back.`,
  ],
  touches: ['primary slots'],
  showsWithinMs: 5_000,
  available: () => null,

  async inject(ctx) {
    await sql(ctx.cluster, PRIMARY, 'SELECT pg_create_physical_replication_slot($1, true)', [SLOT]);
    // the consumer's last day of traffic: WAL the slot now keeps
    await sql(ctx.cluster, PRIMARY,
      "CREATE TABLE drill_events AS SELECT g AS id, md5(g::text) AS payload FROM generate_series(1, 150000) g");
    await sql(ctx.cluster, PRIMARY, 'SELECT pg_switch_wal()');
    await sql(ctx.cluster, PRIMARY, 'CHECKPOINT');
  },

  async fix(ctx) {
    await sql(ctx.cluster, PRIMARY,
      'SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = $1', [SLOT]);
    await sql(ctx.cluster, PRIMARY, 'CHECKPOINT');
  },
};
