// The engine on its own, with a stand-in sidecar: checks run after their block and at the end, a claim that does not
// hold fails the demo (rehearse exits 1), a failed block stops it, and the table says so. The real runs are
// server/rehearse/demos.test.ts.
import { describe, expect, it } from 'vitest';
import type { ClusterStatus, RunResponse } from '../../shared/types';
import { equal } from './claims';
import type { DemoDefinition } from './demo-definition';
import { rehearseDemo, type RehearseDeps } from './rehearse';
import { demoTable, totalsTable } from './report-table';

const shell = (stdout: string, ok = true): RunResponse => ({ ok, kind: 'shell', runId: 'r', exitCode: ok ? 0 : 1, stdout, stderr: '', durationMs: 5 });

function fakeSidecar(outputs: Record<string, RunResponse>): RehearseDeps & { asked: string[]; resets: unknown[] } {
  const asked: string[] = [];
  const resets: unknown[] = [];
  return {
    asked,
    resets,
    async post<T>(path: string, body: unknown): Promise<T> {
      const snippet = (body as { snippet?: string }).snippet;
      asked.push(snippet ?? path);
      if (path === '/api/cluster/reset') resets.push(body);
      return (snippet ? outputs[snippet] : { ok: true }) as T;
    },
    status: async () => ({ backend: 'embedded', nodes: [], tools: null } as unknown as ClusterStatus),
    query: async () => [],
  };
}

const definition: DemoDefinition = {
  checks: [
    { claim: 'a says hello', after: 'demo9/a', check: (e) => equal(e.stdout('demo9/a').trim(), 'hello', 'a') },
    { claim: 'b says 42', check: (e) => equal(e.stdout('demo9/b').trim(), '42', 'b') },
  ],
  figures: [{ label: 'the answer', snippet: 'demo9/b', pattern: String.raw`^(\d+)$`, unit: 'units' }, { label: 'b\'s time', snippet: 'demo9/b', duration: true }],
};

describe('rehearseDemo', () => {
  it('resets, runs the blocks in order, checks each claim where it belongs, and reads the figures', async () => {
    const sidecar = fakeSidecar({ 'demo9/a': shell('hello\n'), 'demo9/b': shell('42\n') });
    const report = await rehearseDemo('demo9', ['demo9/a', 'demo9/b'], definition, sidecar);
    expect(sidecar.asked).toEqual(['/api/cluster/reset', 'demo9/a', 'demo9/b']);
    expect(report.checks.map((c) => [c.claim, c.after, c.passed])).toEqual([['a says hello', 'demo9/a', true], ['b says 42', undefined, true]]);
    expect(report.figures).toEqual([{ label: 'the answer', value: '42 units' }, { label: 'b\'s time', value: '0.01 s' }]);
    expect(report.passed).toBe(true);
  });

  it('fails the demo on a claim that does not hold, and the table says which', async () => {
    const report = await rehearseDemo('demo9', ['demo9/a', 'demo9/b'], definition, fakeSidecar({ 'demo9/a': shell('hello\n'), 'demo9/b': shell('41\n') }));
    expect(report.passed).toBe(false);
    expect(demoTable(report)).toMatch(/^demo9 {2}2 steps · 1\/2 checks passed · .* · FAILED\n {2}✗ b says 42: b: expected "42", found "41"$/m);
    expect(totalsTable([report]).split('\n').at(-1)).toMatch(/^total\s+2\s+1\/2\s+.*FAILED$/);
  });

  it('stops at a failed block: the blocks after it would not show the demo', async () => {
    const sidecar = fakeSidecar({ 'demo9/a': shell('boom', false), 'demo9/b': shell('42\n') });
    const report = await rehearseDemo('demo9', ['demo9/a', 'demo9/b'], definition, sidecar);
    expect(sidecar.asked).toEqual(['/api/cluster/reset', 'demo9/a']);
    expect(report.stopped).toMatch(/^demo9\/a failed:/);
    expect(report.passed).toBe(false);
    expect(demoTable(report)).toContain('stopped: demo9/a failed:');
  });

  it('resets each demo to its own topology (shared/demo-topology.ts), and again before a block that resets mid-demo', async () => {
    const pair = fakeSidecar({ 'demo9/a': shell('hello\n'), 'demo9/b': shell('42\n') });
    await rehearseDemo('demo9', ['demo9/a', 'demo9/b'], definition, pair);
    expect(pair.resets).toEqual([{ topology: 'pair' }]);

    const three = fakeSidecar({ 'demo8/01-read-scaling': shell(''), 'demo8/07-cascade-walsenders': shell(''), 'demo8/10-failover-by-lsn': shell('') });
    const report = await rehearseDemo('demo8', ['demo8/01-read-scaling', 'demo8/07-cascade-walsenders', 'demo8/10-failover-by-lsn'],
      { checks: [], figures: [] }, three);
    expect(three.asked).toEqual(['/api/cluster/reset', 'demo8/01-read-scaling', '/api/cluster/reset', 'demo8/07-cascade-walsenders',
      '/api/cluster/reset', 'demo8/10-failover-by-lsn']);
    expect(three.resets).toEqual([{ topology: 'two-standbys' }, { topology: 'cascade' }, { topology: 'two-standbys' }]);
    expect(report.stopped).toBeUndefined();
  });
});
