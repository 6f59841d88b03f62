// When the views hear of a run: a quick one once, with its result; a long or talkative one while it runs.
import { setImmediate as nextTurn, setTimeout as sleep } from 'node:timers/promises';
import { expect, it } from 'vitest';
import { DemoError } from '../../shared/errors';
import type { RunResponse, RunSummary } from '../../shared/types';
import { RunRegistry, type RunExecutor } from './run-registry';

const finished = { ok: true, kind: 'shell', exitCode: 0, stdout: '', stderr: '', durationMs: 1 } as unknown as Omit<RunResponse, 'runId'>;

function recording(execute: RunExecutor) {
  const registry = new RunRegistry(execute);
  const events: [string, RunSummary['state'] | string][] = [];
  registry.on('run', (s) => events.push(['run', s.state]));
  registry.on('output', (o) => events.push(['output', o.data]));
  registry.on('result', () => events.push(['result', '']));
  return { registry, events };
}

const request = { kind: 'shell' as const, snippetId: 'demo1/01-x', text: 'true' };

it('announces a quick run together with its result, just before the caller has it', async () => {
  const { registry, events } = recording(async () => finished);
  const { done } = registry.start(request);
  void done.then(() => events.push(['done', '']));
  await done;
  // the page renders from the result event; the reply to its request follows on the same channel
  expect(events).toEqual([['run', 'done'], ['result', ''], ['done', '']]);
});

it('numbers every change a view hears of, in order, and each run carries the number of its latest', async () => {
  const registry = new RunRegistry(async (_r, _s, onOutput) => { onOutput('stdout', 'a'); onOutput('stderr', 'b'); return finished; });
  const seqs: number[] = [];
  registry.on('run', (s) => seqs.push(s.seq));
  registry.on('output', (o) => seqs.push(o.seq));
  registry.on('result', (r) => seqs.push(r.seq));
  const before = registry.seq;
  await registry.start(request).done;
  // the start itself (a view's snapshot shows the run from then), the announcement, two outputs, the result
  expect(seqs).toEqual([before + 2, before + 3, before + 4, before + 5]);
  expect(registry.seq).toBe(before + 5);
  expect(registry.lastBySnippet()[request.snippetId]).toMatchObject({ state: 'done', seq: before + 5 });
  expect(new RunRegistry(async () => finished).epoch).not.toBe(registry.epoch);
});

it('announces a long run while it runs', async () => {
  const { registry, events } = recording(async () => { await sleep(300); return finished; });
  const { done } = registry.start(request);
  await sleep(150);
  expect(events).toEqual([['run', 'running']]);
  await done;
  await nextTurn();
  expect(events.map(([e]) => e)).toEqual(['run', 'result']);
});

it('announces a run before its first output', async () => {
  const { registry, events } = recording(async (_r, _s, onOutput) => { onOutput('stdout', 'hi\n'); return finished; });
  await registry.start(request).done;
  await nextTurn();
  expect(events).toEqual([['run', 'running'], ['output', 'hi\n'], ['result', '']]);
});

it('announces a run by its first output without that output: the output event brings it, once', async () => {
  const registry = new RunRegistry(async (_r, _s, onOutput) => { onOutput('stdout', 'first\n'); onOutput('stdout', 'second\n'); return finished; });
  // as the events stream sends them: serialized when emitted
  const seen: string[] = [];
  registry.on('run', (s) => seen.push(`run output=${JSON.stringify(s.output)}`));
  registry.on('output', (o) => seen.push(`output ${JSON.stringify(o.data)}`));
  await registry.start(request).done;
  expect(seen).toEqual(['run output=""', 'output "first\\n"', 'output "second\\n"']);
});

it('ends a run whose executor throws as an error that says why, and logs it; the registry goes on', async () => {
  const logged: unknown[] = [];
  const registry = new RunRegistry(async () => { throw new TypeError('cannot read properties of undefined'); },
    { log: (_m, err) => logged.push(err) });
  const result = await registry.start(request).done;
  expect(result).toMatchObject({ ok: false, kind: 'shell', error: { code: 'INTERNAL' } });
  expect(result.kind === 'shell' && result.error?.message).toMatch(/cannot read properties of undefined/);
  expect(registry.lastBySnippet()[request.snippetId]).toMatchObject({ state: 'error' });
  expect(registry.running).toBe(0);
  expect(logged).toHaveLength(1);
  // a SQL run gets a SQL error result, with the code of our error
  const sqlRegistry = new RunRegistry(async () => { throw new DemoError('NODE_DOWN', 'postgres-primary does not accept connections.'); },
    { log: () => undefined });
  expect(await sqlRegistry.start({ kind: 'sql', text: 'SELECT 1', node: 'postgres-primary' }).done).toMatchObject({
    ok: false, kind: 'sql', error: { code: 'NODE_DOWN', message: 'postgres-primary does not accept connections.' } });
});

it('refuses a run past the limit with BUSY at once, and starts nothing for it', async () => {
  let started = 0;
  let release!: () => void;
  const gate = new Promise<void>((resolve) => { release = resolve; });
  const registry = new RunRegistry(async () => { started++; await gate; return finished; }, { maxRunning: 2 });
  const first = registry.start(request);
  const second = registry.start(request);
  expect(() => registry.start(request)).toThrow(expect.objectContaining({ code: 'BUSY' }));
  await nextTurn();
  expect(started).toBe(2);
  release();
  await Promise.all([first.done, second.done]);
  await registry.start(request).done; // room again
  expect(started).toBe(3);
});
