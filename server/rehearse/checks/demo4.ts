// Demo 4, lag troubleshooting: a real replay lag (a report on the standby blocks replay), found by the diagnostics and
// cleared by the fix.
import { above, atLeast, below, bytesOf, equal, intervalSeconds, matches, ok } from '../claims';
import { SETTLE_MS, type DemoDefinition } from '../demo-definition';

const LSN = /^[0-9A-F]+\/[0-9A-F]+$/;
const MB = 1024 * 1024;

export const demo4: DemoDefinition = {
  checks: [
    {
      claim: 'the nightly batch leaves the standby more than 1 MB behind',
      after: 'demo4/00c-scene-nightly-batch',
      settleMs: SETTLE_MS,
      check: async (e) => above((await e.node('postgres-standby')).lagBytes ?? 0, MB, 'standby lag (bytes)'),
    },
    {
      claim: 'step 1 shows the lag, and received (flush) against applied (replay)',
      after: 'demo4/01-confirm-problem',
      check: (e) => {
        equal(e.cell('demo4/01-confirm-problem', 'application_name'), 'standby', 'application_name');
        above(bytesOf(e.cell('demo4/01-confirm-problem', 'lag_size')), MB, 'lag_size (bytes)');
        matches(e.cell('demo4/01-confirm-problem', 'flush_lsn') ?? '', LSN, 'flush_lsn');
        matches(e.cell('demo4/01-confirm-problem', 'replay_lsn') ?? '', LSN, 'replay_lsn');
        // received but not applied: most of the lag is between flush and replay (on docker the relay may still be
        // delivering the batch's last megabytes)
        const notFlushed = bytesOf(e.cell('demo4/01-confirm-problem', 'sent_not_flushed'));
        const notReplayed = bytesOf(e.cell('demo4/01-confirm-problem', 'flushed_not_replayed'));
        above(notReplayed, MB, 'flushed_not_replayed (bytes)');
        above(notReplayed, notFlushed, 'flushed_not_replayed against sent_not_flushed (bytes)');
      },
    },
    {
      claim: 'step 1: replay_lag is many times write_lag and flush_lag — received, not applied',
      after: 'demo4/01-confirm-problem',
      check: (e) => {
        // relative, not absolute: how many seconds replay_lag has reached depends on how long the presenter (or
        // rehearse, which goes at once) took to reach this step since the batch
        const seconds = (column: string) => intervalSeconds(e.cell('demo4/01-confirm-problem', column), column);
        const received = Math.max(seconds('write_lag'), seconds('flush_lag'));
        above(seconds('replay_lag'), 5 * received, 'replay_lag (s) against 5 × the larger of write_lag and flush_lag');
        below(received, 1, 'write_lag and flush_lag (s)');
      },
    },
    {
      claim: 'step 2: nothing of the batch runs on the primary any more',
      after: 'demo4/02-primary-activity',
      check: (e) => {
        const running = e.column('demo4/02-primary-activity', 'query_snippet').filter((q) => /daily_report|TRUNCATE/i.test(q ?? ''));
        equal(running, [], 'the batch among the primary\'s active queries');
      },
    },
    {
      claim: 'step 3 finds the report blocking replay on the standby',
      after: 'demo4/03-standby-blocking-queries',
      check: async (e) => {
        ok(e.values('demo4/03-standby-blocking-queries').includes('pg_sleep(900)'), 'no pg_sleep(900) among the standby\'s queries');
        equal(await e.query('postgres-standby', 'SHOW max_standby_streaming_delay'), [{ max_standby_streaming_delay: '-1' }],
          'max_standby_streaming_delay on the standby');
      },
    },
    {
      claim: 'step 4: the startup process\'s title says it is waiting',
      after: 'demo4/04-standby-resources',
      check: (e) => void matches(e.stdout('demo4/04-standby-resources'), /startup recovering \S+ waiting/, 'the startup process\'s line'),
    },
    {
      claim: 'cancelling the blocker clears the lag',
      after: 'demo4/07a2-cancel-replay-blocker',
      settleMs: SETTLE_MS,
      check: async (e) => {
        equal(e.cell('demo4/07a2-cancel-replay-blocker', 'cancelled'), 't', 'cancelled');
        equal((await e.node('postgres-standby')).lagBytes, 0, 'standby lag');
      },
    },
    {
      claim: 'step 8: the standby streams again, with no lag',
      after: 'demo4/08-verify-fix',
      check: (e) => {
        equal(e.cell('demo4/08-verify-fix', 'application_name'), 'standby', 'application_name');
        equal(e.cell('demo4/08-verify-fix', 'lag_size'), '0 bytes', 'lag_size');
      },
    },
    {
      claim: 'the standby has no lag',
      settleMs: SETTLE_MS,
      check: async (e) => equal((await e.node('postgres-standby')).lagBytes, 0, 'standby lag'),
    },
  ],
  figures: [
    { label: 'lag found', snippet: 'demo4/01-confirm-problem', column: 'lag_size' },
    { label: 'lag after the fix', snippet: 'demo4/08-verify-fix', column: 'lag_size' },
  ],
};
