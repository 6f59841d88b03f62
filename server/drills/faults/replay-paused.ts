// Someone paused WAL replay on the standby (pg_wal_replay_pause) and forgot: it still receives and flushes WAL, so
// the link looks healthy, but nothing is applied.
import { needsMajor } from '../availability';
import { replayGap } from '../evidence-queries';
import { sql } from '../../cluster/sql/client';
import type { Fault } from '../types';
import { PRIMARY, STANDBY } from '../workload';

export const replayPaused: Fault = {
  name: 'replay-paused',
  title: 'WAL replay is paused on the standby',
  cause: 'Replay was paused on the standby (pg_wal_replay_pause()): WAL is still received and flushed, so the primary '
    + 'sees a streaming standby, but nothing is applied and its data grows old.',
  evidence: [
    {
      kind: 'sql', node: STANDBY, title: 'the replay pause state on the standby',
      sql: 'SELECT pg_get_wal_replay_pause_state() AS pause_state, pg_is_wal_replay_paused() AS paused',
      shows: 'paused',
      check: (rows) => rows[0]?.pause_state === 'paused',
    },
    replayGap('received advances with every write on the primary, replayed does not'),
    {
      kind: 'sql', node: PRIMARY, title: 'pg_stat_replication on the primary',
      sql: 'SELECT application_name, state, sent_lsn, flush_lsn, replay_lsn FROM pg_stat_replication',
      shows: 'streaming, flush_lsn keeps up with sent_lsn, replay_lsn stays behind',
      check: (rows) => rows.some((r) => r.state === 'streaming' && r.replay_lsn !== r.flush_lsn),
    },
  ],
  remedy: 'Resume replay on the standby: SELECT pg_wal_replay_resume().',
  hints: [
    'The standby is connected and receives everything, yet a new table is not there.',
    'Compare the standby\'s received and replayed positions.',
    'Replay itself is paused: pg_get_wal_replay_pause_state().',
  ],
  touches: ['standby replay'],
  showsWithinMs: 5_000,
  available: (cluster) => needsMajor(cluster, 14, 'pg_get_wal_replay_pause_state()'),

  async inject(ctx) {
    await sql(ctx.cluster, STANDBY, 'SELECT pg_wal_replay_pause()');
    await sql(ctx.cluster, PRIMARY, 'CREATE TABLE drill_invoices AS SELECT g AS id FROM generate_series(1, 1000) g');
  },

  async fix(ctx) {
    await sql(ctx.cluster, STANDBY, 'SELECT pg_wal_replay_resume()');
  },
};
