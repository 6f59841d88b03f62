// `npm run bench`: the three sidecar/cluster benchmarks, one after another (they share two cores).
import { benchBulkInsert } from './bulk-insert';
import { benchResetVsUp } from './reset-vs-up';
import { benchRunVsPsql } from './run-vs-psql';

await benchRunVsPsql();
await benchResetVsUp();
await benchBulkInsert();
