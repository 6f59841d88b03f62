// synchronous_standby_names names a standby that does not exist: every commit on the primary waits for a
// confirmation that never comes. Reads work; writes hang.
import { sql } from '../../cluster/sql/client';
import { alterSystem } from '../settings';
import type { Fault } from '../types';
import { PRIMARY, startWriter, WRITER_TABLE_SQL } from '../workload';

const APP = 'billing_app';
const MISSING = 'reporting_replica';

export const syncStandbyMissing: Fault = {
  name: 'sync-standby-missing',
  title: 'Commits wait for a synchronous standby that does not exist',
  cause: `synchronous_standby_names = '${MISSING}', a standby that is not connected: every commit on the primary waits `
    + 'for its confirmation forever (writes hang, reads work).',
  evidence: [
    {
      kind: 'sql', node: PRIMARY, title: 'sessions waiting on the primary',
      sql: `SELECT pid, application_name, wait_event_type, wait_event, date_trunc('second', now() - xact_start) AS waiting_for
FROM pg_stat_activity WHERE wait_event = 'SyncRep'`,
      shows: `${APP}'s commit waits on SyncRep, for longer and longer`,
      check: (rows) => rows.some((r) => r.application_name === APP),
    },
    {
      kind: 'sql', node: PRIMARY, title: 'synchronous_standby_names on the primary',
      sql: 'SHOW synchronous_standby_names',
      shows: `'${MISSING}': no such standby is connected`,
      check: (rows) => rows[0]?.synchronous_standby_names === MISSING,
    },
    {
      kind: 'sql', node: PRIMARY, title: 'pg_stat_replication on the primary',
      sql: 'SELECT application_name, state, sync_state FROM pg_stat_replication',
      shows: 'the only standby is "standby", and it is async: none is sync',
      check: (rows) => rows.length > 0 && rows.every((r) => r.sync_state === 'async'),
    },
  ],
  remedy: 'Set synchronous_standby_names to a standby that exists, or empty it, and reload: the waiting commits complete.',
  hints: [
    'Reads answer; anything that writes never returns.',
    'See what the primary\'s sessions wait for, and which standbys pg_stat_replication knows.',
    'Commits wait on SyncRep for a name in synchronous_standby_names that no standby has.',
  ],
  touches: ['synchronous_standby_names'],
  showsWithinMs: 5_000,
  available: () => null,

  async inject(ctx) {
    await sql(ctx.cluster, PRIMARY, WRITER_TABLE_SQL('drill_invoices'));
    await alterSystem(ctx.cluster, PRIMARY, { synchronous_standby_names: MISSING });
    await startWriter(ctx, 'drill_invoices', APP);
  },

  async fix(ctx) {
    // ALTER SYSTEM and a reload do not commit anything, so they do not wait themselves
    await alterSystem(ctx.cluster, PRIMARY, { synchronous_standby_names: null });
    await ctx.held.end(APP);
  },
};
