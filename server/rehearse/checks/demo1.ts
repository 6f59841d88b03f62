// Demo 1, network failure recovery: the slot keeps the WAL of a frozen standby, which catches up by itself after the
// thaw; a real partition beside it: the primary sees the standby's replies stop and drops it after wal_sender_timeout,
// the standby serves stale reads, and after the heal it comes back on a new connection.
import { above, atLeast, bytesOf, equal, has, matches, ok } from '../claims';
import { SETTLE_MS, type DemoDefinition } from '../demo-definition';

const PRIMARY_VIEW = 'demo1/07b-primary-view';
const HEAL = 'demo1/07d-heal-the-network';
/** 07b's samples: seconds since the cut, and the age of the standby's last reply while the walsender was there */
const SAMPLE = /^cut \+\s*([\d.]+) s \| (?:(\w+) \| last reply ([\d.]+) s ago|no walsender)/gm;

export const demo1: DemoDefinition = {
  checks: [
    {
      claim: 'step 1: the standby streams',
      after: 'demo1/01-healthy-state',
      check: (e) => equal(e.column('demo1/01-healthy-state', 'state'), ['streaming'], 'state'),
    },
    {
      claim: 'the primary still lists the paused standby as streaming',
      after: 'demo1/02-pause-standby',
      check: (e) => void matches(e.stdout('demo1/02-pause-standby'), /^\s*standby\s*\|\s*streaming\s*$/m, 'the primary\'s row'),
    },
    {
      claim: 'the paused standby is frozen',
      after: 'demo1/02-pause-standby',
      settleMs: SETTLE_MS,
      check: async (e) => equal((await e.node('postgres-standby')).state, 'frozen', 'standby state'),
    },
    {
      claim: 'while frozen the standby falls behind',
      after: 'demo1/03-generate-load',
      settleMs: SETTLE_MS,
      check: async (e) => above((await e.node('postgres-standby')).lagBytes ?? 0, 0, 'standby lag (bytes)'),
    },
    {
      claim: 'the slot retains WAL for the frozen standby, and is still active',
      after: 'demo1/04-wal-retention',
      check: (e) => {
        equal(e.cell('demo1/04-wal-retention', 'slot_name'), 'standby_slot', 'slot');
        equal(e.cell('demo1/04-wal-retention', 'active'), 't', 'active');
        above(bytesOf(e.cell('demo1/04-wal-retention', 'retained_wal')), 0, 'retained WAL (bytes)');
      },
    },
    {
      claim: 'the catch-up is over by watch\'s second round: lag_bytes 0 from there on',
      after: 'demo1/05-resume-standby',
      check: (e) => {
        const rounds = [...e.stdout('demo1/05-resume-standby').matchAll(/^\s*standby\s*\|\s*(\d+)\s*\|/gm)].map((m) => Number(m[1]));
        atLeast(rounds.length, 2, 'rounds with the standby listed');
        equal(rounds.slice(1).filter((lag) => lag !== 0), [], 'non-zero lag_bytes from the second round on');
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
      claim: 'the primary sees the replies stop: the row says streaming while the last reply ages past the status interval, and the walsender is gone at wal_sender_timeout',
      after: PRIMARY_VIEW,
      check: (e) => {
        const text = e.stdout(PRIMARY_VIEW);
        const samples = [...text.matchAll(SAMPLE)].map((m) => ({ since: Number(m[1]), state: m[2], replyAge: m[3] === undefined ? undefined : Number(m[3]) }));
        const listed = samples.filter((sample) => sample.state !== undefined);
        equal([...new Set(listed.map((sample) => sample.state))], ['streaming'], 'state while listed');
        // twice wal_receiver_status_interval (1 s): a healthy standby would have replied by then
        above(Math.max(...listed.map((sample) => sample.replyAge!)), 2, 'oldest reply seen (s)');
        const gone = samples.find((sample) => sample.state === undefined);
        ok(gone, `the walsender never went away:\n${text}`);
        // wal_sender_timeout (5 s) counts from the last reply, which came at most a status interval before the cut
        atLeast(gone.since, 4, 'seconds from the cut until the walsender was gone');
        matches(text, /terminating walsender process due to replication timeout/, 'the primary\'s log');
      },
    },
    {
      claim: 'during the cut the standby answers with the rows from before the cut',
      after: 'demo1/07c-standby-view',
      check: (e) => equal(e.column('demo1/07c-standby-view', 'rows_here'), ['100000'], 'rows on the partitioned standby'),
    },
    {
      claim: 'after the heal both nodes count 101000 rows, streamed over a new connection (another walsender)',
      after: HEAL,
      check: (e) => {
        const text = e.stdout(HEAL);
        matches(text, /^primary: 101000\nstandby: 101000$/m, 'counts after the heal');
        const before = matches(text, /before the cut: pid (\d+)/, 'walsender before')[1];
        const after = matches(text, /after the heal: pid (\d+)/, 'walsender after')[1];
        ok(before !== after, `the same walsender (pid ${before}) before the cut and after the heal`);
      },
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
    { label: 'partition: walsender gone after', snippet: PRIMARY_VIEW, pattern: String.raw`^cut \+\s*([\d.]+) s \| no walsender`, unit: 's' },
    { label: 'rows the partitioned standby served', snippet: 'demo1/07c-standby-view', column: 'rows_here' },
  ],
};
