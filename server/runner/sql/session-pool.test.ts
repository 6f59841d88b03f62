// Warm sessions on a real server: reused, yet every run sees a fresh session; nothing held between runs; a stopped or
// frozen node still answers within its bound.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { startScratchServers, type ScratchServers } from '../../testing/scratch-servers';
import { runSql, type RunSqlOptions } from './run-sql';
import { SessionPool } from './session-pool';

let scratch: ScratchServers;
let sessions: SessionPool;
const server = () => scratch.servers[0]!;
const run = (text: string, extra: Partial<RunSqlOptions> = {}) =>
  runSql({ node: 'postgres-primary', connection: server().connection, text, sessions, ...extra });
/** outside the pool: what the server itself says */
const look = async (text: string) => (await runSql({ node: 'postgres-primary', connection: server().connection, text }))
  .results[0]!.rows;
const pidOf = async (extra: Partial<RunSqlOptions> = {}) =>
  (await run('SELECT pg_backend_pid()', extra)).results[0]!.rows[0]![0];

beforeAll(async () => {
  scratch = await startScratchServers(1);
});
afterEach(async () => {
  await sessions?.close();
  sessions = new SessionPool();
});
afterAll(async () => {
  await sessions?.close();
  await scratch?.destroy();
});
sessions = new SessionPool();

describe('SessionPool with runSql', () => {
  it('the next run on the same node reuses the session', async () => {
    const first = await pidOf();
    expect(await pidOf()).toBe(first);
    expect(sessions.idleCount()).toBe(1);
  });

  it('a reused session is as good as fresh: settings, temp tables, prepared statements, an open transaction', async () => {
    const first = await run(`SET work_mem = '77MB'; SET application_name = 'renamed'; CREATE TEMP TABLE leftover (x int);
      PREPARE p AS SELECT 1; BEGIN; SELECT pg_backend_pid()`);
    expect(first.ok).toBe(true);
    await vi.waitFor(() => expect(sessions.idleCount()).toBe(1), { timeout: 1000, interval: 10 }); // after its ROLLBACK
    const second = await run(`SELECT current_setting('work_mem'), current_setting('application_name'),
      current_setting('statement_timeout'), to_regclass('pg_temp.leftover') IS NULL,
      (SELECT count(*) FROM pg_prepared_statements), now() = statement_timestamp(), pg_backend_pid()`,
    { statementTimeoutMs: 60_000 });
    const [workMem, appName, timeout, noTemp, prepared, , pid] = second.results[0]!.rows[0]!;
    expect(pid).toBe(first.results.at(-1)!.rows[0]![0]);
    expect([workMem, appName, timeout, noTemp, prepared]).toEqual(['4MB', 'pgdemo', '1min', 't', '0']);
  });

  it('a run that ends inside a transaction holds no lock afterwards', async () => {
    await look('CREATE TABLE IF NOT EXISTS locked (v int)');
    const response = await run('BEGIN; LOCK TABLE locked IN ACCESS EXCLUSIVE MODE; SELECT pg_backend_pid()');
    const pid = response.results.at(-1)!.rows[0]![0];
    await vi.waitFor(async () => {
      expect(await look(`SELECT state FROM pg_stat_activity WHERE pid = ${pid}`)).toEqual([['idle']]);
    }, { timeout: 1000, interval: 20 });
    expect(await look("SELECT count(*) FROM pg_locks WHERE relation = 'locked'::regclass")).toEqual([['0']]);
  });

  it('a session the server ended (restart) is replaced, and the run succeeds', async () => {
    const before = await pidOf();
    await server().stop();
    await server().start();
    const after = await run('SELECT pg_backend_pid()');
    expect(after.ok).toBe(true);
    expect(after.results[0]!.rows[0]![0]).not.toBe(before);
  });

  it('a stopped node answers at once with the fresh-connect error', async () => {
    await pidOf();
    await server().stop();
    try {
      const started = performance.now();
      const response = await run('SELECT 1');
      expect(response.error?.code).toBe('NODE_DOWN');
      expect(performance.now() - started).toBeLessThan(1000);
    } finally {
      await server().start();
    }
  });

  it('a frozen node with a warm session gives the connect timeout error within 5 s, and the session is not reused', async () => {
    const before = await pidOf();
    await server().freeze();
    try {
      const started = performance.now();
      const response = await run('SELECT 1');
      expect(response.error?.code).toBe('TIMEOUT');
      expect(response.error?.message).toBe('postgres-primary did not answer within 3 s (is it frozen?)');
      expect(performance.now() - started).toBeLessThan(5000);
    } finally {
      await server().thaw();
    }
    expect(await pidOf()).not.toBe(before);
  });

  it('a cancelled statement leaves a usable session', async () => {
    const before = await pidOf();
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 200);
    const response = await run('SELECT pg_sleep(30)', { signal: controller.signal });
    expect(response.error?.code).toBe('57014');
    expect(await pidOf()).toBe(before);
  });

  it('close ends the idle sessions on the server', async () => {
    const pid = await pidOf();
    await sessions.close();
    await vi.waitFor(async () => {
      expect(await look(`SELECT count(*) FROM pg_stat_activity WHERE pid = ${pid}`)).toEqual([['0']]);
    }, { timeout: 2000, interval: 20 });
  });
});
