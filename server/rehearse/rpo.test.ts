// RPO, measured live, on every backend: Demo 7's blocks through the sidecar, as the deck runs them. With a synchronous
// standby no acknowledged commit is lost when the primary is crashed mid-load (three runs, each from a fresh pair);
// with an asynchronous one the loss is measured and reported, not asserted. `npx tsx bench/rpo.ts` runs 20 per mode.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBackends } from '../cluster/contract/backends';
import { loadSnippets } from '../snippets/load';
import { parseRpoRun, type RpoRun } from '../snippets/rpo-figures';
import { testStack, type TestStack } from '../testing/test-stack';
import type { ShellRunResponse } from '../../shared/types';

describe.each(testBackends())('%s backend: what a failover loses', (backend) => {
  let stack: TestStack;
  let asyncText: string;

  beforeAll(async () => {
    const snippets = new Map([...(await loadSnippets())].filter(([id]) => id.startsWith('demo7/')));
    // with edits on, for the control below (the deck's own blocks run as stored either way)
    stack = await testStack({ backend, snippets, sidecar: { allowEdits: true } });
    asyncText = snippets.get('demo7/01-crash-async')!.text;
  });

  afterAll(() => stack?.cleanup());

  async function crashRun(id: string, text?: string): Promise<RpoRun> {
    const answer = await stack.api('/api/run', { body: text ? { shell: text } : { snippet: id }, timeoutMs: 200_000 });
    const result = answer.json<ShellRunResponse>();
    expect(result.ok, `${result.stdout}\n${result.stderr}`).toBe(true);
    return parseRpoRun(result.stdout);
  }

  it('synchronous: no acknowledged commit lost in three crashes mid-load', async () => {
    for (let i = 0; i < 3; i++) {
      const run = await crashRun('demo7/02-crash-sync');
      expect(run).toMatchObject({ standby: 'sync', lost: 0 });
      expect(run.acknowledged).toBeGreaterThanOrEqual(2000); // the crash came mid-load, after 2000 commits
      expect(run.survived).toBe(run.acknowledged);
      expect(run.told).toMatch(/server closed the connection|terminating connection|connection to server .* lost/i);
      console.info(`${backend} sync run ${i + 1}: acknowledged ${run.acknowledged}, lost ${run.lost}`);
    }
  });

  it('control: the measurement sees a loss when there is one (the standby stops receiving before the load)', async () => {
    const cut = 'docker exec postgres-standby psql -U postgres -c "ALTER SYSTEM SET primary_conninfo = \'\'" -c "SELECT pg_reload_conf()"\n'
      + 'for i in $(seq 100); do docker exec postgres-standby psql -U postgres -tAc "SELECT count(*) FROM pg_stat_wal_receiver" | grep -q "^0$" && break; sleep 0.05; done\n';
    const text = asyncText.replace(/^(: > ~\/acked)/m, `${cut}$1`);
    expect(text).not.toBe(asyncText);
    const run = await crashRun('', text);
    expect(run.acknowledged).toBeGreaterThanOrEqual(2000);
    expect(run.lost).toBe(run.acknowledged);
  });

  it('asynchronous: the loss is measured', async () => {
    const run = await crashRun('demo7/01-crash-async');
    expect(run.standby).toBe('async');
    expect(run.acknowledged).toBeGreaterThanOrEqual(2000);
    expect(run.survived + run.lost).toBe(run.acknowledged);
    console.info(`${backend} async: acknowledged ${run.acknowledged}, lost ${run.lost}`);
  });
});
