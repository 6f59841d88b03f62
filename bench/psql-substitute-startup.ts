// (d) One `psql -c "SELECT 1"` call, as Demo 2 step 5 makes 60 in a row and `watch` one a second: the project's psql
// (bundled, server/cluster/embedded/tool-substitutes/build.ts) against the real psql, and against running the same TypeScript through tsx (what
// bundling saves). p50 of interleaved rounds; ratios in one run.
import { execFile } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { startScratchServers } from '../server/testing/scratch-servers';
import { buildToolsBundle } from '../server/cluster/embedded/tool-substitutes/build';
import { CLIENT_TOOLS_BIN } from '../server/cluster/embedded/tool-substitutes/substitutes';
import { median, ms, timed } from './support';

const run = promisify(execFile);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 30);
const TOOLS_MAIN = fileURLToPath(new URL('../server/cluster/embedded/tool-substitutes/main.ts', import.meta.url));

function realPsql(): string | undefined {
  for (const dir of ['/usr/local/bin', '/usr/bin', '/bin']) {
    try {
      accessSync(join(dir, 'psql'), constants.X_OK);
      return join(dir, 'psql');
    } catch {
      // not here
    }
  }
  return undefined;
}

export async function benchPsqlSubstituteStartup(): Promise<void> {
  const scratch = await startScratchServers(1);
  try {
    const server = scratch.servers[0]!;
    const bundle = await buildToolsBundle();
    const env = {
      ...process.env, PGHOST: server.socketDir, PGPORT: String(server.port), PGUSER: 'postgres', PGDATABASE: 'postgres',
      PSQLRC: '/dev/null', PGDEMO_NODE_BIN: process.execPath, PGDEMO_TOOLS_BUNDLE: bundle,
    };
    const args = ['-c', 'SELECT 1'];
    const ways: Array<[string, () => Promise<unknown>]> = [
      ['project psql (bundle)', () => run(join(CLIENT_TOOLS_BIN, 'psql'), args, { env })],
      ['project psql via tsx', () => run(process.execPath, ['--import', 'tsx', TOOLS_MAIN, 'psql', ...args], { env })],
    ];
    const real = realPsql();
    if (real) ways.unshift(['real psql', () => run(real, args, { env })]);
    const samples = new Map(ways.map(([name]) => [name, [] as number[]]));
    for (const [, call] of ways) await call(); // warm-up
    for (let i = 0; i < ROUNDS; i++) {
      for (const [name, call] of ways) samples.get(name)!.push((await timed(call))[0]);
    }
    const p50 = (name: string) => median(samples.get(name)!);
    console.log(`(d) one psql -c call, ${ROUNDS} rounds each (p50)`);
    for (const [name] of ways) console.log(`    ${name.padEnd(24)} ${ms(p50(name))}`);
    if (real) console.log(`    ratio project/real = ${(p50('project psql (bundle)') / p50('real psql')).toFixed(2)}x`);
    console.log(`    ratio tsx/bundle   = ${(p50('project psql via tsx') / p50('project psql (bundle)')).toFixed(2)}x`);
  } finally {
    await scratch.destroy();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await benchPsqlSubstituteStartup();
