// Demo 2, high-volume replication: a million rows reach the standby; the WAL rate and the lag during a sustained load
// are measured, not asserted.
import { above, atLeast, bytesOf, equal, matches, ok } from '../claims';
import { SETTLE_MS, type DemoDefinition } from '../demo-definition';

const LOAD = 'demo2/05-sustained-load';

export const demo2: DemoDefinition = {
  checks: [
    {
      claim: 'a million rows inserted, their WAL measured, the standby caught up after the insert',
      after: 'demo2/02-high-volume-writes',
      check: (e) => {
        const insert = e.result('demo2/02-high-volume-writes');
        ok(insert.kind === 'sql' && insert.results.some((r) => r.command === 'INSERT' && r.rowCount === 1_000_000), 'INSERT 0 1000000');
        equal(e.cell('demo2/02-high-volume-writes', 'rows_inserted'), '1000000', 'rows_inserted');
        above(bytesOf(e.cell('demo2/02-high-volume-writes', 'insert_wal')), 0, 'insert WAL (bytes)');
        atLeast(Number(e.cell('demo2/02-high-volume-writes', 'standby_caught_up_after_s')), 0, 'catch-up (s)');
      },
    },
    {
      claim: 'throughput computed from the LSNs: rows/s, WAL MB/s, share of a 1 Gbps link',
      after: 'demo2/04-throughput',
      check: (e) => {
        above(Number(e.cell('demo2/04-throughput', 'rows_per_sec')), 0, 'rows/s');
        above(Number(e.cell('demo2/04-throughput', 'wal_mb_per_sec')), 0, 'WAL MB/s');
        equal(e.cell('demo2/04-throughput', 'million_rows'), '1.00', 'million rows');
        above(Number(e.cell('demo2/04-throughput', 'pct_of_1gbps_link')), 0, '% of 1 Gbps');
      },
    },
    {
      claim: '60 batches, the lag sampled during them, back to 0 after',
      after: LOAD,
      check: (e) => {
        const load = e.stdout(LOAD);
        equal(load.match(/^Batch \d+ completed$/gm)?.length, 60, 'batches');
        const lag = matches(load, /^Lag:\s+(\d+) samples, max (.+), back at 0 bytes in (\d+) of them$/m, 'lag line');
        above(Number(lag[1]), 60, 'lag samples');
        ok(Number(lag[3]) <= Number(lag[1]), `samples at 0 (${lag[3]}) exceed the samples (${lag[1]})`);
        matches(load, /^After:\s+lag 0 bytes [\d.]+ s after the last batch$/m, 'catch-up line');
      },
    },
    {
      claim: 'the standby has replayed everything',
      settleMs: SETTLE_MS,
      check: async (e) => equal((await e.node('postgres-standby')).lagBytes, 0, 'standby lag'),
    },
  ],
  figures: [
    { label: 'rows inserted', snippet: 'demo2/02-high-volume-writes', column: 'rows_inserted' },
    { label: 'insert time', snippet: 'demo2/02-high-volume-writes', column: 'insert_seconds', unit: 's' },
    { label: 'WAL of the insert', snippet: 'demo2/02-high-volume-writes', column: 'insert_wal' },
    { label: 'catch-up after the insert', snippet: 'demo2/02-high-volume-writes', column: 'standby_caught_up_after_s', unit: 's' },
    { label: 'rows/s', snippet: 'demo2/04-throughput', column: 'rows_per_sec' },
    { label: 'WAL MB/s', snippet: 'demo2/04-throughput', column: 'wal_mb_per_sec' },
    { label: 'max lag under sustained load', snippet: LOAD, pattern: '^Lag:.*max ([^,]+),' },
    { label: 'catch-up after the load', snippet: LOAD, pattern: String.raw`^After:\s+lag 0 bytes ([\d.]+) s`, unit: 's' },
  ],
};
