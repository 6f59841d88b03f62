// Demo 5, split brain: two primaries diverge, the old one is refused on its old timeline, pg_rewind (or its
// substitute) brings it back as a streaming standby without the diverged row.
import { equal, has, matches } from '../claims';
import { SETTLE_MS, type DemoDefinition } from '../demo-definition';

const REWIND = 'demo5/06-pg-rewind';

export const demo5: DemoDefinition = {
  checks: [
    {
      claim: 'step 1: timeline 1',
      after: 'demo5/01-normal-timeline',
      check: (e) => {
        equal(e.column('demo5/01-normal-timeline', 'timeline_id'), ['1'], 'timeline_id');
        matches(e.cell('demo5/01-normal-timeline', 'redo_wal_file') ?? '', /^00000001[0-9A-F]{16}$/, 'redo_wal_file');
      },
    },
    {
      claim: 'two primaries',
      after: 'demo5/02-promote-standby',
      settleMs: SETTLE_MS,
      check: async (e) => {
        equal((await e.node('postgres-primary')).role, 'primary', 'postgres-primary role');
        equal((await e.node('postgres-standby')).role, 'primary', 'postgres-standby role');
        matches(e.stdout('demo5/02-promote-standby'), /timeline_id\s*-+\s*2\s*$/m, 'pg_control_checkpoint() on the new primary');
      },
    },
    {
      claim: 'each primary took its own order, under the same id',
      after: 'demo5/03-conflicting-data',
      check: (e) => {
        const text = e.stdout('demo5/03-conflicting-data');
        const idOf = (order: string) => matches(text, new RegExp(String.raw`^\s*(\d+)\s*\|\s*${order}\s*\|`, 'm'), order)[1];
        equal(idOf('ORD-TIMELINE-1'), idOf('ORD-TIMELINE-2'), 'the two orders\' ids');
      },
    },
    {
      claim: 'the WAL file names carry the timelines: 00000001… on the old primary, 00000002… on the new one',
      after: 'demo5/04-reconnect-attempt',
      check: (e) => {
        const text = e.stdout('demo5/04-reconnect-attempt');
        matches(text, /old_primary_wal_file\s*-+\s*00000001[0-9A-F]{16}\s*$/m, 'the old primary\'s WAL file');
        matches(text, /new_primary_wal_file\s*-+\s*00000002[0-9A-F]{16}\s*$/m, 'the new primary\'s WAL file');
      },
    },
    {
      claim: 'the old primary is refused: a standby on timeline 1 that streams nothing',
      after: 'demo5/05-demonstrate-rejection',
      settleMs: SETTLE_MS,
      check: async (e) => {
        matches(e.stdout('demo5/05-demonstrate-rejection'), /requested starting point .* on timeline 1 is not in this server's history/, 'refusal');
        has(await e.node('postgres-primary'), { role: 'standby', state: 'running', timeline: 1, lagBytes: null }, 'postgres-primary');
      },
    },
    {
      claim: 'pg_rewind (or its substitute, saying so) and the old primary streams on timeline 2',
      after: REWIND,
      check: async (e) => {
        const substituted = (await e.status()).tools?.substitutes.includes('pg_rewind');
        matches(e.stderr(REWIND), substituted
          ? /^pg_rewind: not in these binaries .*; re-cloned postgres-primary from postgres-standby instead/m
          : /^pg_rewind: Done!$/m, 'pg_rewind');
        matches(e.stdout(REWIND), /streaming\s*\|\s*2\b/, 'wal receiver on timeline 2');
      },
    },
    {
      claim: 'the rewound node streams from the new primary on timeline 2, without the diverged order',
      settleMs: SETTLE_MS,
      check: async (e) => {
        has(await e.node('postgres-primary'), { role: 'standby', upstream: 'postgres-standby', timeline: 2, replicationState: 'streaming' }, 'postgres-primary');
        equal(await e.query('postgres-primary', "SELECT count(*)::int AS n FROM orders WHERE order_number = 'ORD-TIMELINE-1'"),
          [{ n: 0 }], 'ORD-TIMELINE-1 on the rewound node');
      },
    },
  ],
  figures: [
    { label: 'new timeline', snippet: 'demo5/02-promote-standby', pattern: String.raw`timeline_id\s*-+\s*(\d+)` },
    { label: 'diverged at', snippet: REWIND, pattern: String.raw`servers diverged at WAL location (\S+ on timeline \d+)` },
    { label: 'rewind step (stop, pg_rewind, start, streaming)', snippet: REWIND, duration: true },
  ],
};
