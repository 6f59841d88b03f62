// The project's psql against the real one, byte for byte (stdout, stderr, exit code), where a real psql is installed:
// on every psql call of the seed's shell snippets (taken from snippets/*.sh by running them, testing/record-seed-calls),
// on the error and format forms they do not reach (testing/edge-cases) and on every output path this psql takes on
// (testing/output-paths: COPY to stdout and from stdin, \g, the echo commands, notifications). Both run as the
// server's OS user against one PostgreSQL 15 server, each in its own copy of the same database (testing/pinned-world);
// the only differences allowed are the duration in "Time: … ms" and a notification's server PID.
import { accessSync, constants, existsSync } from 'node:fs';
import { chown, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PG15_BIN, POSTGRES_USER, startScratchServers, type ScratchServers } from '../../../../testing/scratch-servers';
import { buildToolsBundle } from '../build';
import { CLIENT_TOOLS_BIN } from '../substitutes';
import { EDGE_CASES, EDGE_FILES, type EdgeCase } from './testing/edge-cases';
import { PATH_CASES, PATH_FILES } from './testing/output-paths';
import { createPinnedWorlds } from './testing/pinned-world';
import { recordSeedCalls } from './testing/record-seed-calls';
import { comparable, psqlEnv, runPsql, SYSTEM_PATH, type PsqlRun } from './testing/run-psql';

function realPsql(): string | undefined {
  for (const dir of SYSTEM_PATH.split(':')) {
    try {
      accessSync(join(dir, 'psql'), constants.X_OK);
      return join(dir, 'psql');
    } catch {
      // not here
    }
  }
  return undefined;
}

const REAL = realPsql();
const OURS = join(CLIENT_TOOLS_BIN, 'psql');

let scratch: ScratchServers;
let bundle: string;
let workDir: string;

beforeAll(async () => {
  if (!REAL || !existsSync(PG15_BIN)) return;
  [scratch, bundle] = await Promise.all([startScratchServers(1), buildToolsBundle()]);
  workDir = await mkdtemp(join(tmpdir(), 'pgdemo-psql-compare-'));
  await chown(workDir, POSTGRES_USER.uid, POSTGRES_USER.gid);
});
afterAll(async () => {
  await scratch?.destroy();
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

const env = (database: string) => psqlEnv(scratch.servers[0]!, database, workDir, bundle);

/** Both tools on the same input, each in its own database; a description of every difference. */
async function compare(label: string, args: (side: string) => string[], stdin: string,
  databases: { real: string; ours: string }): Promise<{ real: PsqlRun; difference?: string }> {
  const options = (database: string) => ({ env: env(database), stdin, user: POSTGRES_USER, cwd: workDir });
  const real = await runPsql(REAL!, args(databases.real), options(databases.real));
  await undoServerSettings();
  const ours = await runPsql(OURS, args(databases.ours), options(databases.ours));
  await undoServerSettings();
  const problems: string[] = [];
  for (const stream of ['stdout', 'stderr'] as const) {
    if (comparable(real[stream]) === comparable(ours[stream])) continue;
    problems.push(`${stream}:\n--- real\n${real[stream].toString()}\n--- ours\n${ours[stream].toString()}`);
  }
  if (real.code !== ours.code) problems.push(`exit code: real ${real.code}, ours ${ours.code}`);
  return { real, difference: problems.length ? `${label}\n${problems.join('\n')}` : undefined };
}

/**
 * A seed call may ALTER SYSTEM (Demo 6 sets synchronous_standby_names): cluster-wide, it would make every later commit
 * on this standby-less scratch server wait forever. Each tool starts from the server's own settings.
 */
async function undoServerSettings(): Promise<void> {
  const client = new pg.Client({ ...scratch.servers[0]!.connection, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    await client.query('ALTER SYSTEM RESET ALL');
    await client.query('SELECT pg_reload_conf()');
  } finally {
    await client.end();
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

describe.skipIf(!REAL || !existsSync(PG15_BIN))('the project\'s psql prints what the real psql prints', () => {
  it('on every psql call of the seed\'s shell snippets', async () => {
    const calls = await recordSeedCalls(POSTGRES_USER);
    // every shell snippet that calls psql is in there (not a hand-kept list: this only guards against losing them)
    expect(new Set(calls.map((c) => c.snippet)).size).toBeGreaterThanOrEqual(15);
    const worlds = await createPinnedWorlds(scratch.servers[0]!.connection, [...new Set(calls.map((c) => c.demo))]);
    const differences: string[] = [];
    let succeeded = 0;
    const notClean = new Set<string>();
    for (const [n, call] of calls.entries()) {
      const args = [...call.args];
      for (const [index, text] of Object.entries(call.files)) {
        const file = join(workDir, `call-${n}-${index}.sql`);
        await writeFile(file, text);
        await chown(file, POSTGRES_USER.uid, POSTGRES_USER.gid);
        args[Number(index)] = file;
      }
      const { real, difference } = await compare(`${call.snippet}: psql ${JSON.stringify(call.args)}`, () => args,
        call.stdin, worlds.get(call.demo)!);
      if (real.code === 0 && real.stderr.length === 0) succeeded++; else notClean.add(call.snippet);
      if (difference) differences.push(difference);
    }
    console.info(`psql vs real psql: ${calls.length} distinct psql calls of the seed's shell snippets, `
      + `${calls.length - differences.length} identical byte for byte (${succeeded} of them clean runs with exit 0)`);
    // the pinned world must make the seed's queries really run, not just fail alike; these two do not, and why:
    // demo5/03 creates a table that exists (psql's NOTICE is the point of the comparison), demo6/04b compares with an
    // LSN read by pg_controldata from a stopped server, which the recorder does not run (the comparison is with '')
    expect([...notClean].sort()).toEqual(['demo5/03-conflicting-data', 'demo6/04b-stop-old-primary']);
    expect(differences).toEqual([]);
  });

  /** Each case in order, both tools in their own copy of `world`; the differences, described. */
  async function compareCases(world: string, cases: EdgeCase[], texts: Record<string, string>): Promise<string[]> {
    const server = scratch.servers[0]!;
    const [databases] = (await createPinnedWorlds(server.connection, [world])).values();
    const files: Record<string, string> = {};
    for (const [name, text] of Object.entries(texts)) {
      files[name] = join(workDir, name);
      await writeFile(files[name]!, text);
      await chown(files[name]!, POSTGRES_USER.uid, POSTGRES_USER.gid);
    }
    const port = String(await freePort());
    const resolve = (edge: EdgeCase) => (database: string) => edge.args.map((arg) => arg
      .replaceAll('@db', database).replaceAll('@freeport', port).replaceAll('@port', String(server.port))
      .replaceAll('@socket', server.socketDir).replace(/^@file:(.+)$/, (_, name: string) => files[name]!));
    const differences: string[] = [];
    for (const edge of cases) {
      const { difference } = await compare(`psql ${JSON.stringify(edge.args)} <<< ${JSON.stringify(edge.stdin ?? '')}`,
        resolve(edge), edge.stdin ?? '', databases!);
      if (difference) differences.push(difference);
    }
    return differences;
  }

  it('on errors, notices, scripts, connection failures and every format switch', async () => {
    const differences = await compareCases('edge', EDGE_CASES, EDGE_FILES);
    console.info(`psql vs real psql: ${EDGE_CASES.length} further cases, ${EDGE_CASES.length - differences.length} identical`);
    expect(differences).toEqual([]);
  });

  it('on every output path it takes on: COPY to stdout and from stdin, \\g, the echo commands, notifications', async () => {
    const differences = await compareCases('paths', PATH_CASES, PATH_FILES);
    console.info(`psql vs real psql: ${PATH_CASES.length} output-path cases, ${PATH_CASES.length - differences.length} identical`);
    expect(differences).toEqual([]);
  });
});
