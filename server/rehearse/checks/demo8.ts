// Demo 8, beyond a pair: two standbys answer the same read; quorum commit (ANY 1) goes on with one standby frozen and
// waits with both (statement_timeout does not end it, a cancel does, and the row is committed locally); FIRST 1 waits
// for its frozen first-named standby until wal_sender_timeout drops it; a cascade (standby2 streams from standby);
// a failover that promotes the standby furthest ahead by its WAL (received or replayed), loses no acknowledged commit, and the other
// standby follows the new timeline after a reload.
import type { NodeName } from '../../../shared/types';
import { above, atLeast, below, equal, has, lsnOf, matches, ok } from '../claims';
import { SETTLE_MS, type DemoDefinition } from '../demo-definition';
import type { Evidence } from '../evidence';

const READS = 'demo8/01-read-scaling';
const LAGS = 'demo8/02-lag-side-by-side';
const ANY1 = 'demo8/03-quorum-any1';
const ONE_FROZEN = 'demo8/04-freeze-one';
const BOTH_FROZEN = 'demo8/05-freeze-both';
const FIRST1 = 'demo8/06-first-1';
const CASCADE = 'demo8/07-cascade-walsenders';
const LATENCY = 'demo8/08-middle-link-latency';
const MIDDLE = 'demo8/09-freeze-middle';
const FAILOVER = 'demo8/10-failover-by-lsn';
const FOLLOW = 'demo8/11-follow-new-primary';

/** The shape of each line the checks, the figures and bench/deck-failover.ts read (the page quotes them too). */
export const DEMO8_LINES = {
  oneFrozenMs: String.raw`^commit with postgres-standby frozen: acknowledged in (\d+) ms`,
  bothFrozenWaited: String.raw`^the waiting session, after ([\d.]+) s:`,
  first1Waited: String.raw`^commit with postgres-standby frozen under FIRST 1: acknowledged after ([\d.]+) s`,
  promoted: String.raw`^promoting (postgres-standby2?):`,
  aheadBytes: String.raw`^promoting \S+: ahead of \S+ by (\d+) bytes`,
  acknowledged: String.raw`^acknowledged commits:\s*(\d+)`,
  onNewPrimary: String.raw`^on the new primary:\s*(\d+)`,
  lost: String.raw`^lost:\s*(\d+)`,
  lostOtherwise: String.raw`^had we promoted \S+, lost:\s*(\d+)`,
} as const;

const number = (text: string, pattern: string, what: string) => Number(matches(text, new RegExp(pattern, 'm'), what)[1]);

/** The rows of the psql table in a shell block's output under the header line `header` matches, as trimmed cells. */
function tableRows(text: string, header: RegExp): string[][] {
  const lines = text.split('\n');
  const at = lines.findIndex((l) => header.test(l));
  ok(at >= 0, `no table headed ${header} in:\n${text}`);
  const end = lines.findIndex((l, i) => i > at + 1 && !l.includes('|'));
  return lines.slice(at + 2, end < 0 ? undefined : end).map((l) => l.split('|').map((c) => c.trim()));
}

/** Arrival times of step 3's rows: [on postgres-standby, on postgres-standby2] per round. */
function arrivals(text: string): [number, number][] {
  const rounds = [...text.matchAll(/^row \d+ visible on postgres-standby after (\d+) ms, on postgres-standby2 after (\d+) ms$/gm)];
  ok(rounds.length === 3, `three timed rows, found ${rounds.length} in:\n${text}`);
  return rounds.map((m) => [Number(m[1]), Number(m[2])]);
}

const promotedOf = (e: Evidence) => matches(e.stdout(FAILOVER), new RegExp(DEMO8_LINES.promoted, 'm'), 'the promoted standby')[1] as NodeName;
const otherOf = (promoted: NodeName): NodeName => (promoted === 'postgres-standby' ? 'postgres-standby2' : 'postgres-standby');

export const demo8: DemoDefinition = {
  checks: [
    {
      claim: 'step 1: both standbys answer the same query with the same rows, read-only',
      after: READS,
      check: (e) => {
        const text = e.stdout(READS);
        for (const standby of ['postgres-standby', 'postgres-standby2']) {
          matches(text, new RegExp(`^${standby} \\| 50001 \\| 50001 \\| t \\| [0-9A-F]+/[0-9A-F]+$`, 'm'), standby);
        }
      },
    },
    {
      claim: 'step 1: the primary lists each standby with its own lag, both streaming',
      after: LAGS,
      check: (e) => {
        equal(e.column(LAGS, 'application_name'), ['standby', 'standby2'], 'application_name');
        equal(e.column(LAGS, 'state'), ['streaming', 'streaming'], 'state');
        for (const bytes of e.column(LAGS, 'replay_lag_bytes')) ok(bytes !== null && Number(bytes) >= 0, `replay_lag_bytes ${bytes}`);
      },
    },
    {
      claim: 'step 2: ANY 1 (standby, standby2) makes both standbys quorum standbys',
      after: ANY1,
      check: (e) => {
        equal(e.column(ANY1, 'sync_state'), ['quorum', 'quorum'], 'sync_state');
        equal(e.column(ANY1, 'sync_priority'), ['1', '1'], 'sync_priority');
      },
    },
    {
      claim: 'step 2: with one standby frozen a commit is acknowledged at once, and is on the other standby',
      after: ONE_FROZEN,
      check: (e) => {
        const text = e.stdout(ONE_FROZEN);
        below(number(text, DEMO8_LINES.oneFrozenMs, 'commit time'), 1000, 'commit with one standby frozen (ms)');
        matches(text, /^on postgres-standby2: 1 row\(s\) with id 1$/m, 'the row on standby2');
      },
    },
    {
      claim: 'step 2: with both frozen the commit waits past its statement_timeout, unseen by others, NOT acknowledged; '
        + 'cancelled, PostgreSQL warns that it already committed locally, and the row is then visible',
      after: BOTH_FROZEN,
      check: (e) => {
        const text = e.stdout(BOTH_FROZEN);
        matches(text, /^\s*\d+\s*\|\s*active\s*\|\s*IPC\s*\|\s*SyncRep\s*\|\s*INSERT INTO payments VALUES \(2, 200\)/m, 'the session waiting on SyncRep');
        matches(text, /^after 3 s the commit is still waiting: NOT acknowledged to the application$/m, 'still waiting');
        matches(text, /^other sessions see id 2: 0 row\(s\)$/m, 'invisible while it waits');
        atLeast(number(text, DEMO8_LINES.bothFrozenWaited, 'the wait'), 3, 'the wait (s), past statement_timeout 2s');
        matches(text, /^ {2}WARNING: {2}canceling wait for synchronous replication due to user request$/m, 'the warning');
        matches(text, /^ {2}DETAIL: {2}The transaction has already committed locally, but might not have been replicated to the standby\.$/m, 'its detail');
        matches(text, /^ {2}INSERT 0 1$/m, 'the command tag');
        matches(text, /^other sessions now see id 2: 1 row\(s\)/m, 'visible after the cancel');
      },
    },
    {
      claim: 'step 2: FIRST 1 makes standby sync and standby2 potential; with standby frozen a commit waits until '
        + 'wal_sender_timeout drops it and standby2 becomes sync, far longer than under ANY 1',
      after: FIRST1,
      check: (e) => {
        const text = e.stdout(FIRST1);
        matches(text, /^\s*standby\s*\|\s*streaming\s*\|\s*1\s*\|\s*sync\s*$/m, 'standby before the freeze');
        matches(text, /^\s*standby2\s*\|\s*streaming\s*\|\s*2\s*\|\s*potential\s*$/m, 'standby2 before the freeze');
        const waited = number(text, DEMO8_LINES.first1Waited, 'the FIRST 1 commit');
        atLeast(waited, 0.5, 'FIRST 1 commit (s)');
        below(waited, 10, 'FIRST 1 commit (s), within wal_sender_timeout 5s of the last reply');
        above(waited * 1000, 2 * number(e.stdout(ONE_FROZEN), DEMO8_LINES.oneFrozenMs, 'ANY 1 commit'), 'FIRST 1 wait (ms) against twice ANY 1\'s');
        matches(text, /^LOG: {2}terminating walsender process due to replication timeout$/m, 'the primary\'s log: the timeout');
        matches(text, /^LOG: {2}standby "standby2" is now a synchronous standby with priority 2$/m, 'the primary\'s log: standby2 takes over');
        matches(text, /^\s*standby2\s*\|\s*streaming\s*\|\s*2\s*\|\s*sync\s*$/m, 'standby2 after the freeze');
      },
    },
    {
      claim: 'step 3: in the cascade the primary\'s pg_stat_replication lists standby only, the standby\'s lists standby2',
      after: CASCADE,
      check: async (e) => {
        const text = e.stdout(CASCADE);
        equal(tableRows(text, /^ application_name \|\s+state\s+\| sync_state/), [['standby', 'streaming', 'async']], 'the primary\'s walsenders');
        equal(tableRows(text, /^ in_recovery \| application_name/), [['t', 'standby2', 'streaming']], 'the standby\'s walsenders');
        has(await e.node('postgres-standby2'), { upstream: 'postgres-standby', role: 'standby' }, 'postgres-standby2');
      },
    },
    {
      claim: 'step 3: 600 ms (round trip) on the middle link delays only standby2: each row reaches standby at once and standby2 '
        + 'at least 200 ms later (one way is half the round trip: 300 ms)',
      after: LATENCY,
      check: (e) => {
        for (const [atStandby, atStandby2] of arrivals(e.stdout(LATENCY))) {
          below(atStandby, 100, 'arrival on postgres-standby (ms)');
          atLeast(atStandby2 - atStandby, 200, 'standby2\'s arrival after standby\'s (ms)');
        }
      },
    },
    {
      claim: 'step 3: with the middle node frozen standby2 receives nothing new; after the thaw it has the rows',
      after: MIDDLE,
      check: (e) => {
        const text = e.stdout(MIDDLE);
        const primary = lsnOf(text, /^ {2}primary at:\s+(\S+)$/m, 'the primary\'s LSN');
        const standby2 = lsnOf(text, /^ {2}postgres-standby2 received up to:\s+(\S+)$/m, 'standby2\'s LSN');
        ok(standby2 < primary, `standby2 received up to ${standby2}, behind the primary's ${primary}`);
        matches(text, /^ {2}postgres-standby2 sees the new table: f$/m, 'standby2 without the table while frozen');
        matches(text, /^after the thaw, postgres-standby2 has the table \d+ ms later: 10000 rows$/m, 'standby2 after the thaw');
      },
    },
    {
      claim: 'step 4: the standby furthest ahead by WAL (received, or replayed if further) is promoted, and no '
        + 'acknowledged commit is lost under ANY 1; the one that was down lacked some',
      after: FAILOVER,
      check: (e) => {
        const text = e.stdout(FAILOVER);
        const standby = lsnOf(text, /^postgres-standby {2}has WAL up to (\S+)$/m, 'postgres-standby\'s LSN');
        const standby2 = lsnOf(text, /^postgres-standby2 has WAL up to (\S+)$/m, 'postgres-standby2\'s LSN');
        const promoted = promotedOf(e);
        equal(promoted, standby2 >= standby ? 'postgres-standby2' : 'postgres-standby', 'the standby promoted');
        const ahead = standby2 >= standby ? standby2 - standby : standby - standby2;
        equal(number(text, DEMO8_LINES.aheadBytes, 'ahead by'), Number(ahead), 'bytes ahead');
        const acknowledged = number(text, DEMO8_LINES.acknowledged, 'acknowledged');
        atLeast(acknowledged, 2000, 'acknowledged commits');
        equal(number(text, DEMO8_LINES.onNewPrimary, 'on the new primary'), acknowledged, 'on the new primary');
        equal(number(text, DEMO8_LINES.lost, 'lost'), 0, 'acknowledged commits lost');
        above(number(text, DEMO8_LINES.lostOtherwise, 'lost had we promoted the other'), 0, 'lost had we promoted the standby that was down');
      },
    },
    {
      claim: 'step 4: the promoted standby is a primary on timeline 2',
      after: FAILOVER,
      settleMs: SETTLE_MS,
      check: async (e) => has(await e.node(promotedOf(e)), { role: 'primary', timeline: 2 }, promotedOf(e)),
    },
    {
      claim: 'step 4: after a reload (same server process) the other standby streams on timeline 2 from the new '
        + 'primary, recovery_target_timeline latest, with every row',
      after: FOLLOW,
      check: (e) => {
        const text = e.stdout(FOLLOW);
        matches(text, /^ streaming\s+\|\s+2\s+\|\s+latest\s+\|\s+t$/m, 'status, received_tli, recovery_target_timeline, same_server_process');
        const app = otherOf(promotedOf(e)).replace(/^postgres-/, '');
        matches(text, new RegExp(`^ ${app}\\s+\\| streaming\\s+\\| async$`, 'm'), 'the new primary\'s walsender');
        matches(text, /^new primary's synchronous_standby_names: '' /m, 'the new primary is async');
        const rows = matches(text, /^acked rows: (\d+) on \S+, (\d+) on \S+$/m, 'rows on both');
        equal(rows[1], rows[2], 'rows on the new primary and on the follower');
        matches(text, /^LOG: {2}new target timeline is 2$/m, 'the follower\'s log');
      },
    },
    {
      claim: 'the other standby is a standby of the new primary on timeline 2',
      settleMs: SETTLE_MS,
      check: async (e) => {
        const promoted = promotedOf(e);
        has(await e.node(otherOf(promoted)), { role: 'standby', upstream: promoted, timeline: 2, replicationState: 'streaming' }, otherOf(promoted));
      },
    },
  ],
  figures: [
    { label: 'ANY 1, one standby frozen: commit', snippet: ONE_FROZEN, pattern: DEMO8_LINES.oneFrozenMs, unit: 'ms' },
    { label: 'ANY 1, both frozen: waited until cancelled', snippet: BOTH_FROZEN, pattern: DEMO8_LINES.bothFrozenWaited, unit: 's' },
    { label: 'FIRST 1, first-named frozen: commit', snippet: FIRST1, pattern: DEMO8_LINES.first1Waited, unit: 's' },
    { label: 'failover: promoted', snippet: FAILOVER, pattern: DEMO8_LINES.promoted },
    { label: 'failover: ahead by', snippet: FAILOVER, pattern: DEMO8_LINES.aheadBytes, unit: 'bytes' },
    { label: 'failover: acknowledged commits', snippet: FAILOVER, pattern: DEMO8_LINES.acknowledged },
    { label: 'failover: lost', snippet: FAILOVER, pattern: DEMO8_LINES.lost },
    { label: 'failover: lost had we promoted the other', snippet: FAILOVER, pattern: DEMO8_LINES.lostOtherwise },
  ],
};
