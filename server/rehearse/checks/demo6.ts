// Demo 6, zero-downtime switchover: sync on, promote, the old primary follows, back to async, then a quorum set on
// both nodes; and what a synchronous commit costs across a slower link.
import { atLeast, below, equal, has } from '../claims';
import { SETTLE_MS, type DemoDefinition } from '../demo-definition';

const COST = 'demo6/02b-commit-cost';
const LOCAL = String.raw`^\s*local\s*\|\s*([\d.]+)`;
const SYNC = String.raw`^\s*on\s*\|\s*([\d.]+)`;

export const demo6: DemoDefinition = {
  checks: [
    {
      claim: 'step 2 makes the standby synchronous at once',
      after: 'demo6/02-enable-sync',
      check: (e) => equal(e.column('demo6/02-enable-sync', 'sync_state'), ['sync'], 'sync_state'),
    },
    {
      claim: 'with 20 ms added to the round trip a synchronous commit waits for it, a local one does not',
      after: COST,
      check: (e) => {
        const cost = e.stdout(COST);
        const local = Number(new RegExp(LOCAL, 'm').exec(cost)?.[1]);
        const sync = Number(new RegExp(SYNC, 'm').exec(cost)?.[1]);
        atLeast(sync, 18, 'synchronous commit (ms)');
        below(local, sync / 2, 'local commit (ms)');
      },
    },
    {
      claim: 'the standby is promoted',
      after: 'demo6/05-promote-standby',
      settleMs: SETTLE_MS,
      check: async (e) => equal((await e.node('postgres-standby')).role, 'primary', 'postgres-standby role'),
    },
    {
      claim: 'the old primary streams from the new one',
      after: 'demo6/08-verify-new-replication',
      check: (e) => {
        equal(e.column('demo6/08-verify-new-replication', 'application_name'), ['old_primary'], 'application_name');
        equal(e.cell('demo6/08-verify-new-replication', 'state'), 'streaming', 'state');
      },
    },
    {
      claim: 'back to async',
      after: 'demo6/09-switch-back-async',
      check: (e) => equal(e.column('demo6/09-switch-back-async', 'sync_state'), ['async'], 'sync_state'),
    },
    {
      claim: 'ANY 1 (standby, old_primary) on both nodes makes the old primary a quorum standby',
      settleMs: SETTLE_MS,
      check: async (e) => {
        equal((await e.node('postgres-standby')).role, 'primary', 'postgres-standby role');
        has(await e.node('postgres-primary'), { role: 'standby', upstream: 'postgres-standby', syncState: 'quorum', replicationState: 'streaming' }, 'postgres-primary');
        for (const node of ['postgres-primary', 'postgres-standby'] as const) {
          equal(await e.query(node, 'SHOW synchronous_standby_names'), [{ synchronous_standby_names: 'ANY 1 (standby, old_primary)' }],
            `synchronous_standby_names on ${node}`);
        }
      },
    },
  ],
  figures: [
    { label: 'commit, local only', snippet: COST, pattern: LOCAL, unit: 'ms' },
    { label: 'commit, synchronous (+20 ms RTT)', snippet: COST, pattern: SYNC, unit: 'ms' },
    { label: 'promotion', snippet: 'demo6/05-promote-standby', pattern: 'Failover completed in: (.+)$' },
  ],
};
