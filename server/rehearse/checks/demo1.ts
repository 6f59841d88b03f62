// Demo 1, network failure recovery: the slot keeps the WAL of a frozen standby, which catches up by itself after the
// thaw; a real partition beside it looks the same from the primary while the standby serves stale reads.
import { above, bytesOf, equal, has, matches } from '../claims';
import { SETTLE_MS, type DemoDefinition } from '../demo-definition';

export const demo1: DemoDefinition = {
  checks: [
    {
      claim: 'the paused standby is frozen',
      after: 'demo1/02-pause-standby',
      settleMs: SETTLE_MS,
      check: async (e) => equal((await e.node('postgres-standby')).state, 'frozen', 'standby state'),
    },
    {
      claim: 'the slot retains WAL for the frozen standby',
      after: 'demo1/04-wal-retention',
      check: (e) => {
        equal(e.cell('demo1/04-wal-retention', 'slot_name'), 'standby_slot', 'slot');
        above(bytesOf(e.cell('demo1/04-wal-retention', 'retained_wal')), 0, 'retained WAL (bytes)');
      },
    },
    {
      claim: 'after the thaw both nodes count 100000 rows',
      after: 'demo1/06-verify-consistency',
      check: (e) => equal(e.stdout('demo1/06-verify-consistency').match(/^\s*100000\s*$/gm)?.length, 2, 'counts of 100000'),
    },
    {
      claim: 'the cut is in the link, both ways, while both nodes keep running',
      after: 'demo1/07a-cut-the-network',
      check: async (e) => {
        equal((await e.status()).link.partitioned, ['postgres-standby'], 'partitioned nodes');
        for (const node of ['postgres-primary', 'postgres-standby'] as const) equal((await e.node(node)).state, 'running', `${node} state`);
      },
    },
    {
      claim: 'during the cut the primary still lists the standby, which answers with the rows from before the cut',
      after: 'demo1/07c-standby-view',
      check: (e) => {
        equal(e.column('demo1/07b-primary-view', 'application_name'), ['standby'], 'walsenders on the primary');
        equal(e.column('demo1/07c-standby-view', 'rows_here'), ['100000'], 'rows on the partitioned standby');
      },
    },
    {
      claim: 'after the heal both nodes count 101000 rows',
      after: 'demo1/07d-heal-the-network',
      check: (e) => void matches(e.stdout('demo1/07d-heal-the-network'), /^primary: 101000\nstandby: 101000$/m, 'counts after the heal'),
    },
    {
      claim: 'the standby runs with no lag, the link is whole',
      settleMs: SETTLE_MS,
      check: async (e) => {
        has(await e.node('postgres-standby'), { state: 'running', lagBytes: 0 }, 'standby');
        has((await e.status()).link, { partitioned: [], latencyMs: 0 }, 'link');
      },
    },
  ],
  figures: [
    { label: 'WAL retained by the slot', snippet: 'demo1/04-wal-retention', column: 'retained_wal' },
    { label: 'rows on the standby after the thaw', snippet: 'demo1/06-verify-consistency', pattern: String.raw`[\s\S]*count\s*-+\s*(\d+)` },
    { label: 'partitioned primary: seconds since the reply', snippet: 'demo1/07b-primary-view', column: 'seconds_since_reply', unit: 's' },
    { label: 'rows the partitioned standby served', snippet: 'demo1/07c-standby-view', column: 'rows_here' },
  ],
};
