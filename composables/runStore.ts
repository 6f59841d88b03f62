// Every snippet's latest run as this page knows it. Fed only by the shared events stream and GET /api/runs/last, so
// the presenter view and the audience view show the same runs, and a reloaded page shows each block's last result.
import { reactive } from 'vue';
import type { Recording, RunResponse } from '../shared/types';
import { apiGet } from './sidecarApi';
import { useSidecarEvents, type RunSummaryEvent } from './useSidecarEvents';

export type RunViewState = 'idle' | 'running' | 'done' | 'error';
export interface OutputChunk { stream: 'stdout' | 'stderr'; text: string }

export interface RunView {
  runId: string;
  state: RunViewState;
  /** ms since epoch, from the sidecar's clock (same machine) */
  startedAt: number;
  chunks: OutputChunk[];
  result?: RunResponse;
  /** the request itself failed (sidecar down, 4xx): no result will come */
  failure?: string;
  /** the sidecar stopped (or was replaced) while this ran: `failure` says so; the output until then stays */
  interrupted?: boolean;
  /** the block's last finished result, shown dimmed until this run brings its own (no blank flash, no re-layout) */
  previous?: RunResponse;
  /** the text that ran, when it was a live edit (every view marks the run "edited") */
  editedText?: string;
  /** not a live run: rehearse's recording, shown while the deck is offline */
  recorded?: Pick<Recording, 'recordedAt' | 'postgresVersion' | 'backend'>;
}

const runs = reactive(new Map<string, RunView>());
let wired = false;

// What the events stream (or this page's own request) says about a snippet is newer than a snapshot of every block
// (GET /api/runs/last) asked for before it: such a snapshot, answered late, must not undo it — it would call a run
// that started meanwhile "interrupted", or show the run before it again.
let changes = 0;
const changedAt = new Map<string, number>();
const noteChange = (snippet: string) => changedAt.set(snippet, ++changes);
function setRun(snippet: string, view: RunView): void {
  noteChange(snippet);
  runs.set(snippet, view);
}

function fromSummary(summary: RunSummaryEvent): RunView {
  return {
    runId: summary.runId,
    state: summary.result ? (summary.result.ok ? 'done' : 'error') : summary.state,
    startedAt: summary.startedAt ? Date.parse(summary.startedAt) : Date.now(),
    // a summary carries the streamed output without stream names; stderr is in the result when it finishes
    chunks: summary.output && !summary.result ? [{ stream: 'stdout', text: summary.output }] : [],
    result: summary.result,
    editedText: summary.editedText ?? summary.result?.editedText,
  };
}

export function fromRecording(recording: Recording): RunView {
  const { result, recordedAt, postgresVersion, backend } = recording;
  return { runId: '', state: result.ok ? 'done' : 'error', startedAt: 0, chunks: [], result, recorded: { recordedAt, postgresVersion, backend } };
}

const lastResultOf = (run: RunView | undefined): RunResponse | undefined => run?.result ?? run?.previous;

function applyResult(snippet: string | undefined, runId: string, result: RunResponse): void {
  const run = snippet ? runs.get(snippet) : undefined;
  if (!snippet || (run && run.runId && run.runId !== runId)) return; // a newer run replaced it
  // the result comes twice to the page that clicked (its POST's answer and the events stream): render it once
  if (run?.runId === runId && run.result) return;
  // a failure said before (the socket closed under the request) gives way to the result the sidecar did bring
  setRun(snippet, {
    ...(run ?? fromSummary({ runId, state: 'done' })), runId, result, state: result.ok ? 'done' : 'error', editedText: result.editedText,
    failure: undefined, interrupted: undefined,
  });
}

const INTERRUPTED = 'Interrupted: the sidecar stopped while this ran (its output until then is shown). Run it again once the sidecar is back.';

function markInterrupted(snippet: string, message = INTERRUPTED): void {
  const run = runs.get(snippet);
  if (!run || run.state !== 'running') return;
  setRun(snippet, { ...run, state: 'error', failure: message, interrupted: true, previous: undefined });
}

async function resync(): Promise<void> {
  try {
    const askedAt = changes;
    const last = await apiGet<Record<string, RunSummaryEvent>>('/api/runs/last');
    const changedSince = new Set([...changedAt].filter(([, at]) => at > askedAt).map(([snippet]) => snippet));
    // a run this page saw running that the sidecar does not know (it was restarted): it will never finish
    for (const [snippet, known] of runs) {
      if (changedSince.has(snippet)) continue;
      if (known.state === 'running' && known.runId && last[snippet]?.runId !== known.runId) markInterrupted(snippet);
    }
    for (const [snippet, summary] of Object.entries(last)) {
      if (changedSince.has(snippet)) continue;
      const known = runs.get(snippet);
      // keep our own live chunks when we already follow this very run
      if (known?.runId === summary.runId && known.state === 'running' && summary.state === 'running') continue;
      setRun(snippet, fromSummary(summary));
    }
  } catch {
    // the sidecar is not there yet; the next (re)open of the events stream tries again
  }
}

function wire(): void {
  if (wired) return;
  wired = true;
  const events = useSidecarEvents();
  events.on('open', () => void resync());
  if (events.connected.value) void resync(); // the stream opened before the first block asked for runs
  events.on('run', (summary) => {
    if (!summary.snippet) return;
    const known = runs.get(summary.snippet);
    if (known?.runId === summary.runId && known.result) return; // its result is here already (the POST's answer)
    setRun(summary.snippet, { ...fromSummary(summary), previous: lastResultOf(known) });
  });
  events.on('output', ({ snippet, runId, stream, data }) => {
    const run = snippet ? runs.get(snippet) : undefined;
    if (!snippet || !run || run.runId !== runId) return;
    noteChange(snippet);
    const last = run.chunks.at(-1);
    if (last && last.stream === stream) last.text += data;
    else run.chunks.push({ stream, text: data });
  });
  events.on('result', ({ snippet, runId, result }) => applyResult(snippet, runId, result));
}

export function useRunStore() {
  wire();
  return {
    runs,
    /** before the sidecar announces the run: show it as running at once */
    markStarting(snippet: string, editedText?: string): void {
      // the events stream can announce the run first (30 ms after it starts, or at its first output, vs the page's
      // 50 ms): that entry holds the runId its output is matched by; replacing it would drop the output (and leave a
      // run the sidecar dies under unrecognisable as interrupted)
      const known = runs.get(snippet);
      if (known?.state === 'running' && known.runId) return;
      setRun(snippet, { runId: '', state: 'running', startedAt: Date.now(), chunks: [], previous: lastResultOf(runs.get(snippet)), editedText });
    },
    applyResult,
    markInterrupted,
    markFailed(snippet: string, message: string): void {
      const run = runs.get(snippet);
      setRun(snippet, { ...(run ?? fromSummary({ runId: '', state: 'error' })), state: 'error', failure: message, previous: undefined });
    },
  };
}
