// `npm run bench`: the sidecar/cluster benchmarks, one after another (they share two cores), then both backends
// side by side (BENCH_BACKENDS=embedded for a machine without Docker).
import { benchBackends } from './backends';
import { benchBulkInsert } from './bulk-insert';
import { benchPsqlSubstituteStartup } from './psql-substitute-startup';
import { benchResetVsUp } from './reset-vs-up';
import { benchRunVsPsql } from './run-vs-psql';

await benchRunVsPsql();
await benchResetVsUp();
await benchBulkInsert();
await benchPsqlSubstituteStartup();
await benchBackends();
