// Every way a run can fail must answer within its bound: a frozen node, a stopped one, a cancel, a commit that waits
// forever for a synchronous standby.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startScratchServers, type ScratchServers } from '../../testing/scratch-servers';
import { runSql, type RunSqlOptions } from './run-sql';

let scratch: ScratchServers;
const server = () => scratch.servers[0]!;
const run = (text: string, extra: Partial<RunSqlOptions> = {}) =>
  runSql({ node: 'postgres-standby', connection: server().connection, text, ...extra });

async function timed<T>(work: Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await work;
  return { value, ms: performance.now() - started };
}

beforeAll(async () => {
  scratch = await startScratchServers(1);
});
afterAll(async () => {
  await scratch?.destroy();
});

describe('runSql when things go wrong', () => {
  it('cancels SELECT pg_sleep(30) within ~2 s with SQLSTATE 57014, keeping earlier results', async () => {
    const controller = new AbortController();
    const started = performance.now();
    setTimeout(() => controller.abort(), 300);
    const response = await run('SELECT 1; SELECT pg_sleep(30); SELECT 3', { signal: controller.signal });
    const afterAbort = performance.now() - started - 300;
    expect(response.ok).toBe(false);
    expect(response.error?.code).toBe('57014');
    expect(response.error?.message).toBe('canceling statement due to user request');
    expect(response.results).toHaveLength(1);
    expect(afterAbort).toBeLessThan(2000);
  });

  it('a server-side statement_timeout comes back as PostgreSQL\'s 57014', async () => {
    const { value: response, ms } = await timed(run('SELECT pg_sleep(10)', { statementTimeoutMs: 500 }));
    expect(response.error?.code).toBe('57014');
    expect(response.error?.message).toContain('statement timeout');
    expect(ms).toBeLessThan(1500);
  });

  it('a commit waiting for a missing synchronous standby ignores statement_timeout: the guard cancels it and says so', async () => {
    await run("ALTER SYSTEM SET synchronous_standby_names = 'nobody'; SELECT pg_reload_conf()");
    try {
      const { value: response, ms } = await timed(run(
        'CREATE TABLE IF NOT EXISTS sync_test (v int); INSERT INTO sync_test VALUES (1); SELECT 2',
        { statementTimeoutMs: 800 },
      ));
      // the CREATE TABLE commit is the first to wait
      expect(response.ok).toBe(false);
      expect(response.error?.code).toBe('TIMEOUT');
      expect(response.error?.message).toContain('synchronous standby');
      expect(response.error?.message).toContain('committed locally');
      expect(response.notices.join('\n')).toContain('canceling wait for synchronous replication due to user request');
      expect(response.notices.join('\n')).toContain('The transaction has already committed locally');
      expect(response.results.map((r) => r.command)).toEqual(['CREATE TABLE']);
      expect(ms).toBeGreaterThanOrEqual(1700);
      expect(ms).toBeLessThan(4000);
    } finally {
      await run("ALTER SYSTEM RESET synchronous_standby_names; SELECT pg_reload_conf()");
    }
    // honest: the table is there, it had committed locally
    const check = await run("SELECT to_regclass('sync_test') IS NOT NULL");
    expect(check.results[0]!.rows).toEqual([['t']]);
  });

  it('a frozen node gives a clear error within 5 s when connecting', async () => {
    await server().freeze();
    try {
      const { value: response, ms } = await timed(run('SELECT 1'));
      expect(response.ok).toBe(false);
      expect(response.error?.code).toBe('TIMEOUT');
      expect(response.error?.message).toBe('postgres-standby did not answer within 3 s (is it frozen?)');
      expect(ms).toBeLessThan(5000);
    } finally {
      await server().thaw();
    }
  });

  it('a node frozen in the middle of a statement: the guard fires, the cancel gets no answer, the socket is dropped', async () => {
    const pending = timed(run('SELECT 1; SELECT pg_sleep(5)', { statementTimeoutMs: 1000 }));
    await new Promise((resolve) => setTimeout(resolve, 300));
    await server().freeze();
    try {
      const { value: response, ms } = await pending;
      expect(response.error?.code).toBe('TIMEOUT');
      expect(response.error?.message).toContain('did not answer within 1 s (is it frozen?)');
      expect(response.results).toHaveLength(1);
      // guard at 1 s + 1 s, then at most 2 s waiting for the cancel
      expect(ms).toBeLessThan(4500);
    } finally {
      await server().thaw();
    }
  });

  it('a cancel on a frozen node returns CANCELLED within ~2 s', async () => {
    const controller = new AbortController();
    const pending = run('SELECT pg_sleep(5)', { signal: controller.signal });
    await new Promise((resolve) => setTimeout(resolve, 300));
    await server().freeze();
    try {
      const { value: response, ms } = await timed((controller.abort(), pending));
      expect(response.error?.code).toBe('CANCELLED');
      expect(response.error?.message).toContain('is it frozen?');
      expect(ms).toBeLessThan(2600);
    } finally {
      await server().thaw();
    }
  });

  it('a cancel before the run starts runs nothing', async () => {
    const controller = new AbortController();
    controller.abort();
    const response = await run('SELECT 1', { signal: controller.signal });
    expect(response.error?.code).toBe('CANCELLED');
    expect(response.results).toEqual([]);
  });

  it('the server going away mid-run is reported as such', async () => {
    const victim = await run('SELECT pg_backend_pid()');
    expect(victim.ok).toBe(true);
    const pending = run('SELECT 1; SELECT pg_sleep(5)');
    await new Promise((resolve) => setTimeout(resolve, 300));
    await run("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'pgdemo' AND query LIKE '%pg_sleep(5)%'");
    const response = await pending;
    expect(response.error?.code).toBe('57P01');
    expect(response.error?.message).toContain('terminating connection due to administrator command');
  });

  // last: stops the server
  it('a stopped node gives an immediate clear error', async () => {
    await server().stop();
    const { value: response, ms } = await timed(run('SELECT 1'));
    expect(response.ok).toBe(false);
    expect(response.error).toMatchObject({ code: 'NODE_DOWN', message: 'postgres-standby is not running (connection refused)' });
    expect(ms).toBeLessThan(500);
    // the same over TCP (a crashed server's port refuses too)
    const tcp = await runSql({
      node: 'postgres-primary', text: 'SELECT 1',
      connection: { ...server().connection, host: '127.0.0.1' },
    });
    expect(tcp.error).toMatchObject({ code: 'NODE_DOWN', message: 'postgres-primary is not running (connection refused)' });
  });
});
