// One block's run: its state as the sidecar reports it (or its recording, offline), plus the verbs `run` and `cancel`,
// asked over the page's channel.
import { computed, onScopeDispose, ref, watch } from 'vue';
import { useRunStore, type RunViewState } from './runStore';
import { useSidecarChannel } from './sidecarChannel';
import { ApiError, errorMessage } from './sidecarError';
import { useShownRun } from './useShownRun';

export function useRun(snippetId: () => string) {
  const store = useRunStore();
  const { request } = useSidecarChannel();
  const run = useShownRun(snippetId);
  const state = computed<RunViewState>(() => run.value?.state ?? 'idle');
  const now = ref(Date.now());
  const cancelError = ref<string>();

  let ticker: ReturnType<typeof setInterval> | undefined;
  watch(state, (s) => {
    clearInterval(ticker);
    if (s === 'running') ticker = setInterval(() => { now.value = Date.now(); }, 100);
  }, { immediate: true });
  onScopeDispose(() => clearInterval(ticker));

  /** ms: ticking while running, the sidecar's own duration when finished */
  const elapsedMs = computed(() => {
    const r = run.value;
    if (!r) return undefined;
    if (r.result) return r.result.durationMs;
    return r.state === 'running' ? Math.max(0, now.value - r.startedAt) : undefined;
  });

  // A run that answers within this goes from its old result straight to its new one: no "running" frame in between
  // (a one-row query takes a few ms; rendering the running state would compete with it for the same two cores).
  const SHOW_RUNNING_AFTER_MS = 50;
  let asking = false;

  /** Runs the block: the deck's text, or `editedText` (a live edit, which only a sidecar with `--allow-edits` runs). */
  async function start(editedText?: string): Promise<void> {
    const id = snippetId();
    if (asking || state.value === 'running') return;
    asking = true;
    const runIdAtClick = store.runs.get(id)?.runId;
    const run = editedText === undefined ? { snippet: id } : { snippet: id, text: editedText };
    // asked first: what follows runs while the sidecar works (awaited inside the try below, in this same tick)
    const reply = request('run', { run });
    // a run announced since the click (this one, or one another view started) says more than the "running" this page
    // would draw, and is never drawn over
    const announcedSince = () => {
      const now = store.runs.get(id);
      return now?.runId && now.runId !== runIdAtClick ? now : undefined;
    };
    const showRunning = setTimeout(() => { if (!announcedSince()) store.markStarting(id, editedText); }, SHOW_RUNNING_AFTER_MS);
    try {
      // the run's result came just before this reply, on the same channel: the block shows it already
      await reply;
    } catch (err) {
      // refused (BUSY, not allowed…), or the channel closed under it. A run announced meanwhile was marked
      // interrupted with the channel (or has its result): that says more than this failure
      if (!(err instanceof ApiError && err.code === 'NO_SIDECAR' && announcedSince())) store.markFailed(id, errorMessage(err));
    } finally {
      clearTimeout(showRunning);
      asking = false;
    }
  }

  async function cancel(): Promise<void> {
    const runId = run.value?.runId;
    if (!runId) return;
    cancelError.value = undefined;
    try {
      await request('cancel', { runId });
    } catch (err) {
      cancelError.value = errorMessage(err);
    }
  }

  return { run, state, elapsedMs, cancelError, start, cancel };
}
