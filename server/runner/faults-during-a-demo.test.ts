// Faults during a demo, as the deck meets them: a node crashed while a block runs on it ends the run with PostgreSQL's
// own error well within the block's timeout; a frozen node makes a run end at its timeout, saying so. (The sidecar
// killed mid-run: e2e/sidecar-killed.e2e.ts. The state folder removed under a running pair:
// server/cluster/state-folder-removed.test.ts.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBackends } from '../cluster/contract/backends';
import { pollUntil } from '../cluster/poll';
import { sql } from '../cluster/test-support';
import { http } from '../system/http';
import { testStack, type TestStack } from '../testing/test-stack';
import type { ShellRunResponse, Snippet, SqlRunResponse } from '../../shared/types';

const snippets = new Map<string, Snippet>([
  ['demo1/01-long-sql', { id: 'demo1/01-long-sql', kind: 'sql', node: 'postgres-primary', title: 'long', text: 'SELECT pg_sleep(30);', timeoutMs: 60_000 }],
  ['demo1/02-long-psql', { id: 'demo1/02-long-psql', kind: 'shell', title: 'long psql',
    text: 'docker exec postgres-primary psql -U postgres -c "SELECT pg_sleep(30)"', timeoutMs: 60_000 }],
  ['demo1/03-standby-sql', { id: 'demo1/03-standby-sql', kind: 'sql', node: 'postgres-standby', title: 'standby',
    text: 'SELECT 1 AS one;', timeoutMs: 3_000 }],
]);

describe.each(testBackends())('%s backend: faults during a demo', (backend) => {
  let stack: TestStack;
  const run = (snippet: string) => stack.api('/api/run', { body: { snippet }, timeoutMs: 90_000 });
  const act = (action: string, node: string) => stack.api(`/api/cluster/${action}`, { body: { node }, timeoutMs: 90_000 });

  /** Runs a block whose pg_sleep(30) runs on the primary, crashes the primary while it sleeps: the run's answer and time. */
  async function crashedUnder<T>(snippet: string): Promise<{ result: T; took: number }> {
    const started = performance.now();
    const running = run(snippet);
    await pollUntil(async () => (await sql<{ n: number }>(stack.cluster, 'postgres-primary',
      "SELECT count(*)::int AS n FROM pg_stat_activity WHERE query LIKE 'SELECT pg_sleep(30)%' AND state = 'active'"))[0]!.n > 0,
    { timeoutMs: 30_000, what: "the block's pg_sleep to run on the primary" });
    expect((await act('crash', 'postgres-primary')).status).toBe(200);
    const result = (await running).json<T>();
    return { result, took: performance.now() - started };
  }

  beforeAll(async () => {
    stack = await testStack({ backend, snippets });
  });

  afterAll(() => stack?.cleanup());

  it('a node crashed under a running SQL block: the run ends with PostgreSQL\'s error, long before its timeout', async () => {
    const { result, took } = await crashedUnder<SqlRunResponse>('demo1/01-long-sql');
    expect(result.ok).toBe(false);
    // the server's own words as it went down (57P01 admin_shutdown), or the lost connection when it had no time to say
    // embedded crashes with an immediate shutdown, and the server says so (57P01); `docker kill` leaves it no word
    expect(result.error).toMatchObject(backend === 'embedded'
      ? { code: '57P01', message: 'terminating connection due to immediate shutdown command' }
      : { code: 'NODE_DOWN', message: 'postgres-primary closed the connection (did it stop or crash?)' });
    expect(took).toBeLessThan(15_000);
    console.info(`${backend}: SQL run ended ${(took / 1000).toFixed(1)} s after it started: ${result.error!.code} ${result.error!.message}`);
    expect((await http(`${stack.sidecar.url}/api/health`)).status).toBe(200);
    await stack.cluster.reset();
  });

  it('a node crashed under a running psql in a shell block: psql\'s own error and exit code (docker: the exec killed with its container), long before the timeout', async () => {
    const { result, took } = await crashedUnder<ShellRunResponse>('demo1/02-long-psql');
    if (backend === 'embedded') {
      expect(result).toMatchObject({ ok: false, exitCode: 2 });
      expect(result.stderr).toMatch(/server closed the connection unexpectedly/);
    } else {
      // `docker kill` takes the psql inside the container with it: docker exec says so with 128 + SIGKILL, as by hand
      expect(result).toMatchObject({ ok: false, exitCode: 137 });
    }
    expect(took).toBeLessThan(15_000);
    await stack.cluster.reset();
  });

  it('a frozen node: the run ends at its timeout and says that it timed out', async () => {
    expect((await act('freeze', 'postgres-standby')).status).toBe(200);
    try {
      const started = performance.now();
      const result = (await run('demo1/03-standby-sql')).json<SqlRunResponse>();
      const took = performance.now() - started;
      expect(result.ok).toBe(false);
      expect(result.error!.message).toMatch(/frozen|did not answer|timed out|timeout/i);
      expect(took).toBeLessThan(12_000); // its 3 s timeout, or the connect deadline, plus the cancel's grace
    } finally {
      await act('thaw', 'postgres-standby');
    }
  });
});
