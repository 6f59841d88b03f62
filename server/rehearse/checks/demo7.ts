// Demo 7, what a failover loses: a writer keeps every id the primary acknowledged, the primary is crashed mid-load and
// the standby promoted. Asynchronous: whatever was lost is counted, and the counts add up. Synchronous: none lost.
import { parseRpoRun } from '../../snippets/rpo-figures';
import { atLeast, equal, has } from '../claims';
import { SETTLE_MS, type DemoDefinition } from '../demo-definition';

const ASYNC = 'demo7/01-crash-async';
const SYNC = 'demo7/02-crash-sync';

export const demo7: DemoDefinition = {
  checks: [
    {
      claim: 'asynchronous: acknowledged = surviving + lost, with an async standby under the load',
      after: ASYNC,
      check: (e) => {
        const run = parseRpoRun(e.stdout(ASYNC));
        equal(run.standby, 'async', 'the standby during the load');
        equal(run.survived + run.lost, run.acknowledged, 'surviving + lost');
      },
    },
    {
      claim: 'synchronous: every acknowledged commit survives the crash',
      after: SYNC,
      check: (e) => {
        const run = parseRpoRun(e.stdout(SYNC));
        equal(run.standby, 'sync', 'the standby during the load');
        atLeast(run.acknowledged, 2000, 'acknowledged commits');
        equal(run.lost, 0, 'acknowledged commits lost');
        equal(run.survived, run.acknowledged, 'on the promoted standby');
      },
    },
    {
      claim: 'the promoted standby is a primary on timeline 2',
      settleMs: SETTLE_MS,
      check: async (e) => has(await e.node('postgres-standby'), { role: 'primary', timeline: 2 }, 'postgres-standby'),
    },
  ],
  figures: [
    { label: 'async: acknowledged commits', snippet: ASYNC, pattern: String.raw`^acknowledged commits:\s*(\d+)` },
    { label: 'async: lost', snippet: ASYNC, pattern: String.raw`^lost:\s*(\d+)` },
    { label: 'sync: acknowledged commits', snippet: SYNC, pattern: String.raw`^acknowledged commits:\s*(\d+)` },
    { label: 'sync: lost', snippet: SYNC, pattern: String.raw`^lost:\s*(\d+)` },
  ],
};
