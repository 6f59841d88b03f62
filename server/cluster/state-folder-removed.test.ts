// The state folder removed (rm -rf) under a running pair, on every backend: status says so instead of "not built yet"
// (embedded: cluster.json gone while its servers run; docker: docker.json gone while the containers made for that
// folder exist), a run fails with that reason while the sidecar lives on, and reset removes what is left and builds
// a fresh pair.
import { rm, stat } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBackends } from './contract/backends';
import { postgresMentioning, sql } from './test-support';
import { http } from '../system/http';
import { testStack, type TestStack } from '../testing/test-stack';
import type { RunResponse, Snippet } from '../../shared/types';

const snippets = new Map<string, Snippet>([
  ['demo1/01-sql', { id: 'demo1/01-sql', kind: 'sql', node: 'postgres-primary', title: 'sql', text: 'SELECT 1 AS one;' }],
  ['demo1/02-shell', { id: 'demo1/02-shell', kind: 'shell', title: 'shell', text: 'echo hi' }],
]);

describe.each(testBackends())('%s backend: the state folder removed under a running pair', (backend) => {
  let stack: TestStack;
  const run = async (snippet: string) => (await stack.api('/api/run', { body: { snippet }, timeoutMs: 60_000 })).json<RunResponse>();

  beforeAll(async () => {
    stack = await testStack({ backend, snippets });
  });

  afterAll(() => stack?.cleanup());

  it('a clear error, the sidecar lives, and reset recovers', async () => {
    const { cluster, sidecar, stateDir } = stack;
    const servers = backend === 'embedded' ? await postgresMentioning(stateDir) : [];
    if (backend === 'embedded') expect(servers.length).toBeGreaterThan(0);
    expect(await run('demo1/02-shell')).toMatchObject({ ok: true }); // the shell's scratch folder exists, then goes too
    // as a person would with rm -rf (a spare copy may still be written in the background: retried until it is gone)
    await rm(stateDir, { recursive: true, force: true, maxRetries: 20, retryDelay: 100 });

    const record = backend === 'embedded' ? 'cluster\\.json' : 'docker\\.json';
    const gone = new RegExp(`${record} is gone, but .* still (run|exist).*removed or emptied under a running pair`);
    const status = (await stack.api('/api/cluster')).json<{ up: boolean; problem?: string }>();
    expect(status.problem).toMatch(gone);
    expect(status.problem).not.toMatch(/not built yet/);
    expect(await run('demo1/01-sql')).toMatchObject({ ok: false, error: { code: expect.any(String) } });
    expect((await http(`${sidecar.url}/api/health`)).status).toBe(200);

    const reset = await stack.api('/api/cluster/reset', { body: {}, timeoutMs: 180_000 });
    expect(reset.status).toBe(200);
    expect(reset.json()).toMatchObject({ ok: true, status: { up: true }, detail: expect.stringMatching(/removed and the pair built again/) });
    for (const pid of servers) expect(() => process.kill(pid, 0)).toThrow(); // the orphaned servers are gone
    expect((await stack.api('/api/cluster')).json()).not.toHaveProperty('problem');
    expect(await run('demo1/01-sql')).toMatchObject({ ok: true });
    expect(await run('demo1/02-shell')).toMatchObject({ ok: true });
    expect(await sql(cluster, 'postgres-standby', 'SELECT pg_is_in_recovery() AS standby')).toEqual([{ standby: true }]);
    expect((await stat(stateDir)).isDirectory()).toBe(true);
  });
});
