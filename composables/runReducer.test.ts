// The page's run store as a pure function of what it heard: ordering, a reconnect, a late snapshot, two views.
import { describe, expect, it } from 'vitest';
import type { RunResponse, RunSummary } from '../shared/types';
import type { EventOf } from '../shared/wire';
import { applyUpdate, reduceRuns, type RunsInput, type RunsState, type RunView } from './runReducer';
import { SAYS } from './wording';

const BLOCK = 'demo2/01-monitoring-dashboard';
const OTHER = 'demo6/04-in-flight-transactions';
const E1 = 'sidecar-1';
const E2 = 'sidecar-2';
const EMPTY: RunsState = { runs: new Map() };

const fold = (inputs: RunsInput[], state: RunsState = EMPTY): RunsState =>
  inputs.reduce((s, input) => applyUpdate(s, reduceRuns(s, input)), state);
const view = (state: RunsState, snippet = BLOCK): RunView | undefined => state.runs.get(snippet);
/** neither failed nor interrupted: what the sidecar says, nothing the page added */
const clean = (v: RunView | undefined) => [v?.failure, v?.interrupted];

const result = (runId: string, stdout = 'done\n'): RunResponse =>
  ({ ok: true, kind: 'shell', runId, exitCode: 0, stdout, stderr: '', durationMs: 12 });
const summary = (runId: string, seq: number, more: Partial<RunSummary> = {}): RunSummary =>
  ({ runId, snippet: BLOCK, state: 'running', startedAt: '2026-12-01T10:00:00.000Z', output: '', seq, ...more });

const snapshot = (epoch: string, seq: number, runs: Record<string, RunSummary> = {}): EventOf<'snapshot'> =>
  ({ type: 'snapshot', epoch, seq, settings: { allowEdits: false }, runs });
const announced = (runId: string, seq: number): EventOf<'run'> => ({ type: 'run', ...summary(runId, seq) });
const output = (runId: string, seq: number, data: string, stream: 'stdout' | 'stderr' = 'stdout'): EventOf<'output'> =>
  ({ type: 'output', runId, snippet: BLOCK, seq, stream, data });
const finished = (runId: string, seq: number, snippet = BLOCK): EventOf<'result'> =>
  ({ type: 'result', runId, snippet, seq, result: result(runId) });

describe('ordering', () => {
  it('a long run: announced, its output in order (stdout and stderr apart), then its result', () => {
    const state = fold([snapshot(E1, 4), announced('r1', 5), output('r1', 6, 'Batch 1\n'), output('r1', 7, 'Batch 2\n'),
      output('r1', 8, 'oops\n', 'stderr')]);
    expect(view(state)).toMatchObject({ runId: 'r1', state: 'running', seq: 8, epoch: E1 });
    expect(view(state)!.chunks).toEqual([{ stream: 'stdout', text: 'Batch 1\nBatch 2\n' }, { stream: 'stderr', text: 'oops\n' }]);
    const done = fold([finished('r1', 9)], state);
    expect(view(done)).toMatchObject({ runId: 'r1', state: 'done', result: { runId: 'r1' } });
    expect(view(done)!.chunks).toHaveLength(2); // the streamed interleaving stays
  });

  it('a quick run comes as its result alone and replaces the block\'s previous run at once, with no running frame', () => {
    const before = fold([snapshot(E1, 3, { [BLOCK]: summary('r0', 3, { state: 'done', result: result('r0') }) })]);
    const after = fold([finished('r1', 5)], before);
    expect(view(after)).toMatchObject({ runId: 'r1', state: 'done', chunks: [] });
  });

  it('output of a run the block does not show, or after its result, changes nothing', () => {
    const state = fold([snapshot(E1, 0), announced('r1', 1), output('r2', 2, 'not ours\n'), finished('r1', 3), output('r1', 4, 'late\n')]);
    expect(view(state)).toMatchObject({ runId: 'r1', state: 'done', chunks: [] });
  });

  it('the result of an older run that ends while a newer one of the block goes on is not shown over it', () => {
    const state = fold([snapshot(E1, 0), announced('old', 1), announced('new', 2), finished('old', 3)]);
    expect(view(state)).toMatchObject({ runId: 'new', state: 'running' });
  });

  it('news that is not newer than what the block shows is ignored, whatever its kind', () => {
    const state = fold([snapshot(E1, 0), announced('r1', 5), finished('r1', 9)]);
    expect(fold([announced('r1', 6), output('r1', 7, 'x'), finished('r0', 8)], state)).toEqual(state);
  });
});

describe('what the page adds itself', () => {
  it('running after a click keeps the previous result to show dimmed, and gives way to the announcement', () => {
    const before = fold([snapshot(E1, 3, { [BLOCK]: summary('r0', 3, { state: 'done', result: result('r0') }) })]);
    const starting = fold([{ type: 'starting', snippet: BLOCK, now: 1000 }], before);
    expect(view(starting)).toMatchObject({ runId: '', state: 'running', previous: { runId: 'r0' }, seq: 3 });
    const announcedRun = fold([announced('r1', 4)], starting);
    expect(view(announcedRun)).toMatchObject({ runId: 'r1', state: 'running', previous: { runId: 'r0' } });
  });

  it('a click whose run was announced first does not hide the announced run (its output is matched by its runId)', () => {
    const state = fold([snapshot(E1, 0), announced('r1', 1), { type: 'starting', snippet: BLOCK, now: 1 }, output('r1', 2, 'line\n')]);
    expect(view(state)).toMatchObject({ runId: 'r1', chunks: [{ stream: 'stdout', text: 'line\n' }] });
  });

  it('a failed request says so; a result the sidecar brings later replaces it', () => {
    const failed = fold([snapshot(E1, 0), { type: 'starting', snippet: BLOCK, now: 1 }, { type: 'request-failed', snippet: BLOCK, message: SAYS.closedBeforeAnswer }]);
    expect(view(failed)).toMatchObject({ state: 'error', failure: SAYS.closedBeforeAnswer });
    const ran = fold([finished('r1', 1)], failed);
    expect(view(ran)).toMatchObject({ runId: 'r1', state: 'done' });
    expect(clean(view(ran))).toEqual([undefined, undefined]);
  });
});

describe('a reconnect', () => {
  const running = fold([snapshot(E1, 10), announced('r1', 11), output('r1', 12, 'Batch 1\n')]);
  const lost = fold([{ type: 'disconnected' }], running);

  it('a run the page can no longer follow is interrupted, its output kept', () => {
    expect(lost.epoch).toBeUndefined();
    expect(view(lost)).toMatchObject({ runId: 'r1', state: 'error', interrupted: true, failure: SAYS.interrupted });
    expect(view(lost)!.chunks).toEqual([{ stream: 'stdout', text: 'Batch 1\n' }]);
  });

  it('the same sidecar still running it: followed again, with the output the page missed', () => {
    const back = fold([snapshot(E1, 12, { [BLOCK]: summary('r1', 12, { output: 'Batch 1\n' }) })], lost);
    expect(view(back)).toMatchObject({ runId: 'r1', state: 'running' });
    expect(clean(view(back))).toEqual([undefined, undefined]);
    const more = fold([snapshot(E1, 20, { [BLOCK]: summary('r1', 20, { output: 'Batch 1\nBatch 2\n' }) })], lost);
    expect(view(more)!.chunks).toEqual([{ stream: 'stdout', text: 'Batch 1\nBatch 2\n' }]);
  });

  it('a run lost on a connection whose snapshot never came is still found again by its runId', () => {
    const lostEarly = fold([announced('r1', 2), { type: 'disconnected' }]);
    expect(view(lostEarly)).toMatchObject({ interrupted: true, epoch: undefined, seq: 2 });
    const back = fold([snapshot(E1, 3, { [BLOCK]: summary('r1', 2) })], lostEarly);
    expect(view(back)).toMatchObject({ runId: 'r1', state: 'running', epoch: E1 });
    expect(clean(view(back))).toEqual([undefined, undefined]);
  });

  it('the same sidecar finished it meanwhile: its result', () => {
    const back = fold([snapshot(E1, 30, { [BLOCK]: summary('r1', 30, { state: 'done', result: result('r1') }) })], lost);
    expect(view(back)).toMatchObject({ runId: 'r1', state: 'done' });
    expect(clean(view(back))).toEqual([undefined, undefined]);
  });

  it('a restarted sidecar that never heard of the run: it stays interrupted; one its new runs replace', () => {
    const restarted = fold([snapshot(E2, 2, { [OTHER]: { ...summary('n1', 2), snippet: OTHER } })], lost);
    expect(view(restarted)).toMatchObject({ runId: 'r1', interrupted: true });
    expect(view(restarted, OTHER)).toMatchObject({ runId: 'n1', epoch: E2 });
    // its numbers start again from 0, and are still news: small numbers of another sidecar are not "older"
    const rerun = fold([announced('n2', 3)], restarted);
    expect(view(rerun)).toMatchObject({ runId: 'n2', state: 'running', epoch: E2 });
  });

  it('a request lost with the connection before it reached the sidecar stays failed; one that reached it shows its run', () => {
    const done = fold([snapshot(E1, 3, { [BLOCK]: summary('r0', 3, { state: 'done', result: result('r0') }) })]);
    const failed = fold([{ type: 'starting', snippet: BLOCK, now: 1 }, { type: 'disconnected' },
      { type: 'request-failed', snippet: BLOCK, message: SAYS.closedBeforeAnswer }], done);
    const neverRan = fold([snapshot(E1, 3, { [BLOCK]: summary('r0', 3, { state: 'done', result: result('r0') }) })], failed);
    expect(view(neverRan)).toMatchObject({ state: 'error', failure: SAYS.closedBeforeAnswer });
    const ranLater = fold([snapshot(E1, 5, { [BLOCK]: summary('r1', 5, { state: 'done', result: result('r1') }) })], failed);
    expect(view(ranLater)).toMatchObject({ runId: 'r1', state: 'done' });
    expect(clean(view(ranLater))).toEqual([undefined, undefined]);
  });
});

describe('a late snapshot', () => {
  it('delivered after events newer than it, undoes none of them', () => {
    // the events of a run that started after the snapshot was taken, heard before it
    const early = fold([announced('r1', 8), output('r1', 9, 'Batch 1\n')]);
    const late = fold([snapshot(E1, 7, {
      [BLOCK]: summary('r0', 4, { state: 'done', result: result('r0') }),
      [OTHER]: { ...summary('o1', 6, { state: 'done', result: result('o1') }), snippet: OTHER },
    })], early);
    expect(view(late)).toMatchObject({ runId: 'r1', state: 'running', epoch: E1, chunks: [{ stream: 'stdout', text: 'Batch 1\n' }] });
    expect(clean(view(late))).toEqual([undefined, undefined]);
    expect(view(late, OTHER)).toMatchObject({ runId: 'o1', state: 'done' }); // what it knows and the page did not: taken
  });

  it('a snapshot older than the page\'s own news of the same sidecar changes nothing', () => {
    const state = fold([snapshot(E1, 20, { [BLOCK]: summary('r2', 20, { state: 'done', result: result('r2') }) })]);
    expect(fold([snapshot(E1, 10, { [BLOCK]: summary('r1', 10) })], state).runs).toEqual(state.runs);
  });
});

describe('two views', () => {
  it('the view that clicked and the one that watched end the same, whatever each did itself', () => {
    const heard: RunsInput[] = [announced('r1', 5), output('r1', 6, 'Batch 1\n'), finished('r1', 7)];
    const start = snapshot(E1, 4, { [BLOCK]: summary('r0', 4, { state: 'done', result: result('r0') }) });
    const presenter = fold([start, { type: 'starting', snippet: BLOCK, now: 1 }, ...heard]);
    const audience = fold([start, ...heard]);
    expect(view(presenter)).toEqual(view(audience));
    // one of them reloads: its snapshot shows the same run
    const reloaded = fold([snapshot(E1, 7, { [BLOCK]: summary('r1', 7, { state: 'done', output: 'Batch 1\n', result: result('r1', 'Batch 1\n') }) })]);
    expect(view(reloaded)).toMatchObject({ runId: 'r1', state: 'done', result: { runId: 'r1' } });
  });
});
