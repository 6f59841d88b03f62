// Demo 4, lag troubleshooting: a real replay lag (a report on the standby blocks replay), found by the diagnostics and
// cleared by the fix.
import { above, bytesOf, equal, matches, ok } from '../claims';
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
      },
    },
    {
      claim: 'step 3 finds the report blocking replay on the standby',
      after: 'demo4/03-standby-blocking-queries',
      check: (e) => ok(e.values('demo4/03-standby-blocking-queries').includes('pg_sleep(900)'), 'no pg_sleep(900) among the standby\'s queries'),
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
      claim: 'step 8: the standby streams again',
      after: 'demo4/08-verify-fix',
      check: (e) => equal(e.cell('demo4/08-verify-fix', 'application_name'), 'standby', 'application_name'),
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
