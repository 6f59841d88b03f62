// Demo 6, zero-downtime switchover in the right order: sync on, no transaction in flight, the old primary stopped
// cleanly before the promotion (the standby has its shutdown checkpoint), promote, no row lost, the old primary rejoins
// as a standby without pg_rewind, back to async, a quorum set on both nodes; then the seed's order (promote first) from
// a fresh pair, where the old primary diverges and needs pg_rewind. And what a synchronous commit costs.
import { atLeast, below, equal, has, lsnOf, matches, ok } from '../claims';
import { SETTLE_MS, type DemoDefinition } from '../demo-definition';

const COST = 'demo6/02b-commit-cost';
const LOCAL = String.raw`^\s*local\s*\|\s*([\d.]+)`;
const SYNC = String.raw`^\s*on\s*\|\s*([\d.]+)`;
const STOP = 'demo6/04b-stop-old-primary';
const ROWS_BEFORE = String.raw`^rows on the old primary: (\d+)`;
const HAS_CHECKPOINT = String.raw`^\s*[0-9A-F]+/[0-9A-F]+\s*\|\s*[0-9A-F]+/[0-9A-F]+\s*\|\s*([tf])\s*$`;
const REJOIN = 'demo6/07-demote-old-primary';
const DIVERGES = 'demo6/11-seed-order-diverges';
const REWIND = 'demo6/12-seed-order-pg-rewind';

const number = (text: string, pattern: string, what: string) => Number(matches(text, new RegExp(pattern, 'm'), what)[1]);

export const demo6: DemoDefinition = {
  checks: [
    {
      claim: 'step 2 makes the standby synchronous, once the walsender has the reload',
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
      claim: 'no client transaction is in flight: the walsender is not counted',
      after: 'demo6/04-in-flight-transactions',
      check: (e) => equal(e.column('demo6/04-in-flight-transactions', 'active_transactions'), ['0'], 'active_transactions'),
    },
    {
      claim: 'the old primary stopped cleanly, and the standby replayed past its shutdown checkpoint before any promotion',
      after: STOP,
      check: async (e) => {
        const text = e.stdout(STOP);
        matches(text, /^Database cluster state:\s+shut down$/m, 'the old primary\'s control file');
        equal(matches(text, new RegExp(HAS_CHECKPOINT, 'm'), 'the standby\'s positions')[1], 't', 'has_the_shutdown_checkpoint');
        has(await e.node('postgres-primary'), { state: 'stopped' }, 'postgres-primary');
        has(await e.node('postgres-standby'), { role: 'standby' }, 'postgres-standby');
      },
    },
    {
      claim: 'the standby is promoted',
      after: 'demo6/05-promote-standby',
      settleMs: SETTLE_MS,
      check: async (e) => equal((await e.node('postgres-standby')).role, 'primary', 'postgres-standby role'),
    },
    {
      claim: 'no row lost: the new primary has every row the old primary had committed (step 2b\'s twenty)',
      after: 'demo6/06-verify-zero-loss',
      check: (e) => {
        const before = number(e.stdout(STOP), ROWS_BEFORE, 'rows on the old primary');
        equal(before, 20, 'rows on the old primary');
        equal(e.column('demo6/06-verify-zero-loss', 'rows_from_the_old_primary'), [String(before)], 'rows on the new primary');
      },
    },
    {
      claim: 'the old primary rejoins without pg_rewind: a standby streaming on timeline 2 from the new primary, its rows intact',
      after: REJOIN,
      settleMs: SETTLE_MS,
      check: async (e) => {
        const text = e.stdout(REJOIN);
        matches(text, /^\s*streaming\s*\|\s*2\s*$/m, 'status and received_tli');
        const rows = number(e.stdout(STOP), ROWS_BEFORE, 'rows on the old primary');
        matches(text, new RegExp(String.raw`^\s*t\s*\|\s*${rows}\s*$`, 'm'), `is_standby t and ${rows} rows`);
        has(await e.node('postgres-primary'), { role: 'standby', upstream: 'postgres-standby', timeline: 2 }, 'postgres-primary');
      },
    },
    {
      claim: 'the old primary streams from the new one',
      after: 'demo6/08-verify-new-replication',
      check: (e) => {
        equal(e.column('demo6/08-verify-new-replication', 'application_name'), ['old_primary'], 'application_name');
        equal(e.cell('demo6/08-verify-new-replication', 'state'), 'streaming', 'state');
        // NULL right after the start, before the standby's first reply (the note says so)
        ok(['0', null].includes(e.cell('demo6/08-verify-new-replication', 'lag_bytes') ?? null), 'lag_bytes 0 (or NULL before the first reply)');
      },
    },
    {
      claim: 'back to async',
      after: 'demo6/09-switch-back-async',
      check: (e) => equal(e.column('demo6/09-switch-back-async', 'sync_state'), ['async'], 'sync_state'),
    },
    {
      claim: 'ANY 1 (standby, old_primary) on both nodes makes the old primary a quorum standby',
      after: 'demo6/10-quorum-sync',
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
    {
      claim: 'in the seed\'s order the old primary\'s shutdown checkpoint is WAL from the fork on, and as a standby it is refused',
      after: DIVERGES,
      check: (e) => {
        const text = e.stdout(DIVERGES);
        const checkpoint = lsnOf(text, /^Latest checkpoint location:\s+([0-9A-F]+\/[0-9A-F]+)$/m, 'the old primary\'s last checkpoint');
        const fork = lsnOf(text, /forked from timeline 1 at ([0-9A-F]+\/[0-9A-F]+)$/m, 'where timeline 2 forked');
        // the fork is where timeline 2's first record goes: WAL of timeline 1 from there on is the old primary's alone
        ok(checkpoint >= fork, `the old primary's last checkpoint (${checkpoint}) is at or past the fork (${fork})`);
        matches(text, /new timeline 2 forked off current database system timeline 1 before current recovery point/, 'the refusal');
      },
    },
    {
      claim: 'in the seed\'s order pg_rewind is mandatory: it finds where the servers diverged, and the old primary streams again',
      after: REWIND,
      check: (e) => {
        matches(e.stdout(REWIND) + e.stderr(REWIND), /servers diverged at WAL location \S+ on timeline 1/, 'pg_rewind');
        matches(e.stdout(REWIND), /^\s*streaming\s*\|\s*2\s*$/m, 'status and received_tli');
      },
    },
    {
      claim: 'the new primary on timeline 2; the rewound old one its streaming standby',
      settleMs: SETTLE_MS,
      check: async (e) => {
        has(await e.node('postgres-standby'), { role: 'primary', timeline: 2 }, 'postgres-standby');
        has(await e.node('postgres-primary'), { role: 'standby', upstream: 'postgres-standby', timeline: 2, replicationState: 'streaming' }, 'postgres-primary');
      },
    },
  ],
  figures: [
    { label: 'commit, local only', snippet: COST, pattern: LOCAL, unit: 'ms' },
    { label: 'commit, synchronous (+20 ms RTT)', snippet: COST, pattern: SYNC, unit: 'ms' },
    { label: 'rows on the old primary before the switch', snippet: STOP, pattern: ROWS_BEFORE },
    { label: 'standby had the shutdown checkpoint', snippet: STOP, pattern: HAS_CHECKPOINT },
    { label: 'promotion', snippet: 'demo6/05-promote-standby', pattern: 'Failover completed in: (.+)$' },
    { label: 'rows on the new primary', snippet: 'demo6/06-verify-zero-loss', column: 'rows_from_the_old_primary' },
    { label: 'seed\'s order: pg_rewind', snippet: REWIND, pattern: '(servers diverged at WAL location \\S+ on timeline \\d+)' },
  ],
};
