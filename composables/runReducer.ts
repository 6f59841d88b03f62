// Every block's run as this page knows it, as a pure function of what the page heard: the sidecar's messages on its
// channel (snapshot, run, output, result; shared/wire.ts) and what only the page knows (it asked for a run, a request
// failed, the channel closed). No Vue, no socket: runStore.ts feeds it, runReducer.test.ts checks it.
//
// The one rule: news about a block is applied only when it is newer than what the block shows. The sidecar numbers
// every change (`seq`, per sidecar `epoch`), a block remembers the number of the latest one it shows, and what the page
// adds itself (running, a failure) keeps the number of what it was added to. So a snapshot can bring what this page
// missed while it was away, and nothing it already heard is ever undone by one.
import type { Recording, RunResponse, RunSummary } from '../shared/types';
import type { EventOf } from '../shared/wire';
import { SAYS } from './wording';

export type RunViewState = 'idle' | 'running' | 'done' | 'error';
export interface OutputChunk { stream: 'stdout' | 'stderr'; text: string }

export interface RunView {
  runId: string;
  state: RunViewState;
  /** ms since epoch, from the sidecar's clock (same machine) */
  startedAt: number;
  chunks: OutputChunk[];
  result?: RunResponse;
  /** the request itself failed (sidecar down, refused): no result will come */
  failure?: string;
  /** the page lost the sidecar while this ran: `failure` says so; the output until then stays */
  interrupted?: boolean;
  /** the block's last finished result, shown dimmed until this run brings its own (no blank flash, no re-layout) */
  previous?: RunResponse;
  /** the text that ran, when it was a live edit (every view marks the run "edited") */
  editedText?: string;
  /** not a live run: rehearse's recording, shown while the deck is offline */
  recorded?: Pick<Recording, 'recordedAt' | 'postgresVersion' | 'backend'>;
  /** the sidecar whose news this is, and the number of the latest (undefined: none heard yet) */
  epoch?: string;
  seq?: number;
}

export interface RunsState {
  /** the sidecar this connection talks to, from its snapshot (undefined until then, and while reconnecting) */
  epoch?: string;
  runs: ReadonlyMap<string, RunView>;
}

export type RunsInput =
  | EventOf<'snapshot'> | EventOf<'run'> | EventOf<'output'> | EventOf<'result'>
  /** this page asked for a run and has heard nothing of it yet (shown as running after 50 ms) */
  | { type: 'starting'; snippet: string; editedText?: string; now: number }
  /** this page's request failed: no run will come of it */
  | { type: 'request-failed'; snippet: string; message: string }
  /** the channel closed: what was running can no longer be followed */
  | { type: 'disconnected' };

/** What one input changes: the connection's sidecar, and the blocks whose view is replaced (the others stay). */
export interface RunsUpdate { epoch?: string; changes: [snippet: string, view: RunView][] }

/** Is news from sidecar `epoch` numbered `seq` newer than what `known` shows? */
function isNewer(epoch: string | undefined, seq: number, known: RunView | undefined): boolean {
  if (known?.seq === undefined) return true;
  // another sidecar (restarted): its numbers start again, and all it says is newer than what the one before said
  if (epoch !== undefined && known.epoch !== undefined && epoch !== known.epoch) return true;
  return seq > known.seq;
}

const lastResultOf = (run: RunView | undefined): RunResponse | undefined => run?.result ?? run?.previous;

function fromSummary(summary: RunSummary, epoch: string | undefined): RunView {
  return {
    runId: summary.runId,
    state: summary.result ? (summary.result.ok ? 'done' : 'error') : summary.state,
    startedAt: Date.parse(summary.startedAt),
    // a summary carries the streamed output without stream names; stderr is in the result when it finishes
    chunks: summary.output && !summary.result ? [{ stream: 'stdout', text: summary.output }] : [],
    result: summary.result,
    editedText: summary.editedText ?? summary.result?.editedText,
    epoch,
    seq: summary.seq,
  };
}

export function fromRecording(recording: Recording): RunView {
  const { result, recordedAt, postgresVersion, backend } = recording;
  return { runId: '', state: result.ok ? 'done' : 'error', startedAt: 0, chunks: [], result, recorded: { recordedAt, postgresVersion, backend } };
}

function snapshot(state: RunsState, { epoch, runs }: EventOf<'snapshot'>): RunsUpdate {
  const changes = new Map<string, RunView>();
  for (const [snippet, summary] of Object.entries(runs)) {
    const known = state.runs.get(snippet);
    // a run this page lost sight of when its channel closed, still known to the sidecar (a runId is unique): followed again
    const lostAndFound = known?.interrupted && known.runId === summary.runId;
    if (lostAndFound || isNewer(epoch, summary.seq, known)) changes.set(snippet, fromSummary(summary, epoch));
  }
  // what this connection brought before its snapshot came from this same sidecar
  for (const [snippet, known] of state.runs) {
    if (known.seq !== undefined && known.epoch === undefined && !changes.has(snippet)) changes.set(snippet, { ...known, epoch });
  }
  return { epoch, changes: [...changes] };
}

function output(state: RunsState, { snippet, runId, stream, data, seq }: EventOf<'output'>): RunsUpdate {
  const known = snippet ? state.runs.get(snippet) : undefined;
  if (!snippet || !known || known.runId !== runId || known.state !== 'running' || !isNewer(state.epoch, seq, known)) return { epoch: state.epoch, changes: [] };
  const last = known.chunks.at(-1);
  const chunks = last?.stream === stream
    ? [...known.chunks.slice(0, -1), { stream, text: last.text + data }]
    : [...known.chunks, { stream, text: data }];
  return { epoch: state.epoch, changes: [[snippet, { ...known, chunks, seq }]] };
}

function result(state: RunsState, { snippet, runId, result: response, seq }: EventOf<'result'>): RunsUpdate {
  const known = snippet ? state.runs.get(snippet) : undefined;
  const unchanged = { epoch: state.epoch, changes: [] };
  if (!snippet || !isNewer(state.epoch, seq, known)) return unchanged;
  // another run of this block is going (started after this one): the block follows that one
  if (known?.state === 'running' && known.runId && known.runId !== runId) return unchanged;
  const base = known && (known.runId === runId || !known.runId) ? known : { startedAt: 0, chunks: [] };
  const view: RunView = {
    ...base, runId, result: response, state: response.ok ? 'done' : 'error', editedText: response.editedText,
    // a failure said before (the channel closed under the request) gives way to the result the sidecar did bring
    failure: undefined, interrupted: undefined, epoch: state.epoch, seq,
  };
  return { epoch: state.epoch, changes: [[snippet, view]] };
}

export function reduceRuns(state: RunsState, input: RunsInput): RunsUpdate {
  const { epoch } = state;
  switch (input.type) {
    case 'snapshot':
      return snapshot(state, input);
    case 'run': {
      const { type: _, ...summary } = input;
      const known = summary.snippet ? state.runs.get(summary.snippet) : undefined;
      if (!summary.snippet || !isNewer(epoch, summary.seq, known)) return { epoch, changes: [] };
      return { epoch, changes: [[summary.snippet, { ...fromSummary(summary, epoch), previous: lastResultOf(known) }]] };
    }
    case 'output':
      return output(state, input);
    case 'result':
      return result(state, input);
    case 'starting': {
      const known = state.runs.get(input.snippet);
      // announced already (30 ms after it started, or at its first output, vs the page's 50 ms): that entry holds the
      // runId its output is matched by, and replacing it would drop the output
      if (known?.state === 'running' && known.runId) return { epoch, changes: [] };
      return { epoch, changes: [[input.snippet, {
        runId: '', state: 'running', startedAt: input.now, chunks: [], previous: lastResultOf(known), editedText: input.editedText,
        epoch: known?.epoch, seq: known?.seq,
      }]] };
    }
    case 'request-failed': {
      const known = state.runs.get(input.snippet) ?? { runId: '', state: 'error', startedAt: 0, chunks: [] };
      return { epoch, changes: [[input.snippet, { ...known, state: 'error', failure: input.message, previous: undefined }]] };
    }
    case 'disconnected': {
      const changes: RunsUpdate['changes'] = [];
      for (const [snippet, known] of state.runs) {
        // a run this page only asked for has no runId yet: its request fails by itself
        if (known.state !== 'running' || !known.runId) continue;
        changes.push([snippet, { ...known, state: 'error', failure: SAYS.interrupted, interrupted: true, previous: undefined }]);
      }
      return { epoch: undefined, changes };
    }
  }
}

/** The state after an update (the store applies updates in place; this is for whoever wants the pure fold). */
export function applyUpdate(state: RunsState, update: RunsUpdate): RunsState {
  const runs = new Map(state.runs);
  for (const [snippet, view] of update.changes) runs.set(snippet, view);
  return { epoch: update.epoch, runs };
}
