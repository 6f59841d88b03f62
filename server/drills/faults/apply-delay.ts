// recovery_min_apply_delay on the standby: it applies each commit only after the delay. A "lagging" standby that is
// healthy by design (a guard against a mistaken DROP) — the answer is to leave it, or know it is there.
import { sql } from '../../cluster/sql/client';
import { startupProcess } from '../evidence-queries';
import { alterSystem } from '../settings';
import type { Fault } from '../types';
import { PRIMARY, STANDBY } from '../workload';

export const applyDelay: Fault = {
  name: 'apply-delay',
  title: 'A delayed standby (recovery_min_apply_delay)',
  cause: 'recovery_min_apply_delay = 10min on the standby: it streams and flushes everything at once but applies each '
    + 'commit ten minutes late — a lag that is there by design, not a fault of the link.',
  evidence: [
    {
      kind: 'sql', node: STANDBY, title: 'recovery_min_apply_delay on the standby',
      sql: 'SHOW recovery_min_apply_delay',
      shows: '10min',
      check: (rows) => rows[0]?.recovery_min_apply_delay === '10min',
    },
    startupProcess('replay waits on RecoveryApplyDelay', (rows) => rows.some((r) => r.wait_event === 'RecoveryApplyDelay')),
    {
      kind: 'sql', node: PRIMARY, title: 'pg_stat_replication on the primary',
      sql: 'SELECT application_name, state, flush_lsn, replay_lsn, write_lag, flush_lag, replay_lag FROM pg_stat_replication',
      shows: 'streaming, write_lag and flush_lag small, replay_lsn behind and replay_lag growing',
      check: (rows) => rows.some((r) => r.state === 'streaming' && r.replay_lsn !== r.flush_lsn),
    },
  ],
  remedy: 'Nothing is broken: it is a delayed standby by design. If it should not be, RESET recovery_min_apply_delay '
    + 'and reload; the standby applies what it holds at once.',
  hints: [
    'The standby lags, but the network and the standby\'s load look fine.',
    'What does the standby\'s startup process wait for?',
    'A setting on the standby delays applying each commit on purpose.',
  ],
  touches: ['standby replay'],
  showsWithinMs: 5_000,
  available: () => null,

  async inject(ctx) {
    await alterSystem(ctx.cluster, STANDBY, { recovery_min_apply_delay: '10min' });
    await sql(ctx.cluster, PRIMARY, 'CREATE TABLE drill_shipments AS SELECT g AS id FROM generate_series(1, 1000) g');
  },

  async fix(ctx) {
    await alterSystem(ctx.cluster, STANDBY, { recovery_min_apply_delay: null });
  },
};
