// Demo 3, disaster recovery: the primary stops, the standby is promoted onto timeline 2 with every order, the report
// computes RTO and RPO, and the old primary, rebuilt, streams from the new one.
import { equal, has, matches } from '../claims';
import { SETTLE_MS, type DemoDefinition } from '../demo-definition';

const REPORT = 'demo3/08-dr-report';
const REBUILD = 'demo3/09-rebuild-old-primary';

export const demo3: DemoDefinition = {
  checks: [
    {
      claim: 'the primary is stopped',
      after: 'demo3/03-primary-fails',
      settleMs: SETTLE_MS,
      check: async (e) => {
        equal((await e.node('postgres-primary')).state, 'stopped', 'primary state');
        const said = e.stdout('demo3/03-primary-fails') + e.stderr('demo3/03-primary-fails');
        // embedded: psql's own connection error; docker: Docker's
        matches(said, /psql: error: connection to server .* failed|Error response from daemon: .*is not running/, 'the error');
      },
    },
    {
      claim: 'both orders are on the standby, which is still in recovery',
      after: 'demo3/04-verify-standby',
      check: (e) => {
        equal(e.cell('demo3/04-verify-standby', 'pg_is_in_recovery'), 't', 'pg_is_in_recovery');
        equal(e.column('demo3/04-verify-standby', 'order_number'), ['ORD-2025-001', 'ORD-2025-002'], 'orders');
      },
    },
    {
      claim: 'the promoted standby is a primary on timeline 2',
      after: 'demo3/05-promote-standby',
      settleMs: SETTLE_MS,
      check: async (e) => has(await e.node('postgres-standby'), { role: 'primary', timeline: 2 }, 'standby'),
    },
    {
      claim: 'the new order\'s id is 34: the promoted standby continues after the sequence\'s WAL-logged value',
      after: 'demo3/06-verify-writes',
      check: (e) => equal(e.column('demo3/06-verify-writes', 'id'), ['34'], 'id'),
    },
    {
      claim: 'all 3 orders on the new primary, ids 1, 2 and 34',
      after: 'demo3/07-data-integrity',
      check: (e) => {
        equal(e.cell('demo3/07-data-integrity', 'total_orders'), '3', 'total_orders');
        equal(e.column('demo3/07-data-integrity', 'id'), ['1', '2', '34'], 'ids');
      },
    },
    {
      claim: 'the report: no data lost, the RTO within the SLA',
      after: REPORT,
      check: (e) => {
        const report = e.stdout(REPORT);
        matches(report, /Data Loss:\s+0\b/, 'data loss');
        matches(report, /RPO \(Data Loss\):\s+0 transactions/, 'RPO');
        matches(report, /RECOVERY SUCCESSFUL/, 'verdict');
        matches(report, /RTO target \(SLA\):\s+< 5 minutes: met/, 'RTO against the SLA');
      },
    },
    {
      claim: 'the old primary, rebuilt with pg_basebackup, streams on timeline 2 through its slot with the 3 orders',
      after: REBUILD,
      check: (e) => {
        matches(e.stdout(REBUILD), /^\s*t\s*\|\s*streaming\s*\|\s*2\s*\|\s*old_primary_slot/m, 'wal receiver');
        matches(e.stdout(REBUILD), /orders\s*-+\s*3\s*$/m, 'orders on the old primary');
      },
    },
    {
      claim: 'the new primary on timeline 2; the old one its streaming standby',
      settleMs: SETTLE_MS,
      check: async (e) => {
        has(await e.node('postgres-standby'), { role: 'primary', timeline: 2 }, 'postgres-standby');
        has(await e.node('postgres-primary'), { role: 'standby', upstream: 'postgres-standby', timeline: 2, replicationState: 'streaming' }, 'postgres-primary');
      },
    },
  ],
  figures: [
    { label: 'promotion', snippet: 'demo3/05-promote-standby', pattern: 'PROMOTION COMPLETED IN: (.+)$' },
    { label: 'RTO (disaster → first new order)', snippet: REPORT, pattern: String.raw`RTO \(Recovery Time\):\s+(.+?)\s*║` },
    { label: 'RPO', snippet: REPORT, pattern: String.raw`RPO \(Data Loss\):\s+(.+?)\s*║` },
    { label: 'rebuild of the old primary (step)', snippet: REBUILD, duration: true },
  ],
};
