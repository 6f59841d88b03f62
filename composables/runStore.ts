// Every snippet's latest run as this page knows it: runReducer.ts over what the page's channel brings (the same for the
// presenter and the audience view, and for a reloaded page) and what the page itself knows of its own requests. The
// channel feeds it from its first message on (sidecarChannel.ts calls `dispatchRuns`), so no snapshot is ever missed by
// a store that was not listening yet.
import { shallowReactive, toRaw } from 'vue';
import { reduceRuns, type RunsInput, type RunView } from './runReducer';

export { fromRecording, type OutputChunk, type RunView, type RunViewState } from './runReducer';

// each view is replaced whole (the reducer never changes one in place): a block renders when its own entry changes
const runs = shallowReactive(new Map<string, RunView>());
/** the sidecar the channel talks to now (the reducer's `epoch`) */
let epoch: string | undefined;

export function dispatchRuns(input: RunsInput): void {
  const update = reduceRuns({ epoch, runs: toRaw(runs) }, input);
  epoch = update.epoch;
  for (const [snippet, view] of update.changes) runs.set(snippet, view);
}

export function useRunStore() {
  return {
    runs,
    /** this page asked for a run and has heard nothing of it yet: show it as running */
    markStarting: (snippet: string, editedText?: string) => dispatchRuns({ type: 'starting', snippet, editedText, now: Date.now() }),
    /** this page's request failed: no run will come of it */
    markFailed: (snippet: string, message: string) => dispatchRuns({ type: 'request-failed', snippet, message }),
  };
}
