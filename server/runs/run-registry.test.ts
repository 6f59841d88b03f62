// When the views hear of a run: a quick one once, with its result; a long or talkative one while it runs.
import { setImmediate as nextTurn, setTimeout as sleep } from 'node:timers/promises';
import { expect, it } from 'vitest';
import type { RunResponse } from '../types';
import { RunRegistry, type RunExecutor, type RunSummary } from './run-registry';

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

it('announces a quick run together with its result, just after the caller has it', async () => {
  const { registry, events } = recording(async () => finished);
  await registry.start(request).done;
  expect(events).toEqual([]);
  await nextTurn();
  expect(events).toEqual([['run', 'done'], ['result', '']]);
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
