// A report on the standby holds a lock that a replayed ALTER TABLE needs; with max_standby_streaming_delay = -1 the
// startup process waits for it forever, so replay stops while WAL keeps arriving.
import { replayGap, startupProcess } from '../evidence-queries';
import { alterSystem } from '../settings';
import type { Fault } from '../types';
import { PRIMARY, replicatedTable, STANDBY, waitForActive } from '../workload';
import { sql } from '../../cluster/sql/client';

const REPORT = 'monthly_report';

export const standbyQueryBlocksReplay: Fault = {
  name: 'standby-query-blocks-replay',
  title: 'A long query on the standby holds back replay',
  cause: 'A long report on the standby holds a lock a replayed ALTER TABLE needs, and max_standby_streaming_delay = -1 '
    + 'lets it wait forever: the standby receives WAL but does not apply it.',
  evidence: [
    replayGap('received is ahead of replayed, and the gap grows with every write on the primary'),
    startupProcess('the startup process (replay) waits on a Lock (relation)', (rows) => rows.some((r) => r.wait_event_type === 'Lock')),
    {
      kind: 'sql', node: STANDBY, title: 'queries running on the standby',
      sql: `SELECT pid, application_name, state, date_trunc('second', now() - query_start) AS running_for, left(query, 60) AS query
FROM pg_stat_activity WHERE backend_type = 'client backend' AND state = 'active' AND pid <> pg_backend_pid()`,
      shows: `a long query of ${REPORT} on drill_orders`,
      check: (rows) => rows.some((r) => r.application_name === REPORT),
    },
    {
      kind: 'sql', node: STANDBY, title: 'max_standby_streaming_delay on the standby',
      sql: 'SHOW max_standby_streaming_delay',
      shows: '-1: replay waits for conflicting queries forever',
      check: (rows) => rows[0]?.max_standby_streaming_delay === '-1',
    },
  ],
  remedy: 'End the report on the standby (pg_terminate_backend) and set max_standby_streaming_delay back (30s), so a '
    + 'conflicting query is cancelled instead of stalling replay.',
  hints: [
    'The standby is connected, yet what you read there is old.',
    'Compare what the standby has received with what it has replayed, and see what its startup process waits for.',
    'A query on the standby holds a lock replay needs; look at max_standby_streaming_delay.',
  ],
  touches: ['standby replay'],
  showsWithinMs: 10_000,
  available: () => null,

  async inject(ctx) {
    await replicatedTable(ctx, 'drill_orders', 'SELECT g AS id, now() AS placed_at FROM generate_series(1, 1000) g');
    await alterSystem(ctx.cluster, STANDBY, { max_standby_streaming_delay: '-1' });
    await ctx.held.start(STANDBY, REPORT, 'SELECT pg_sleep(3600), count(*) FROM drill_orders');
    // the report must hold its lock before the migration is replayed
    await waitForActive(ctx, STANDBY, REPORT);
    await sql(ctx.cluster, PRIMARY, 'ALTER TABLE drill_orders ADD COLUMN shipped_at timestamptz');
    await sql(ctx.cluster, PRIMARY, 'INSERT INTO drill_orders SELECT g, now() FROM generate_series(1001, 2000) g');
  },

  async fix(ctx) {
    await ctx.held.end(REPORT);
    await alterSystem(ctx.cluster, STANDBY, { max_standby_streaming_delay: null });
  },
};

