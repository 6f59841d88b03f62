// One block's run: its state as the sidecar reports it (or its recording, offline), plus the verbs `run` and `cancel`.
import { computed, onScopeDispose, ref, watch } from 'vue';
import type { RunResponse } from '../shared/types';
import { useRunStore, type RunViewState } from './runStore';
import { runOverSocket, useRunSocket } from './runSocket';
import { ApiError, apiPost, errorMessage } from './sidecarApi';
import { useShownRun } from './useShownRun';

export function useRun(snippetId: () => string) {
  const store = useRunStore();
  useRunSocket();
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
    const body = editedText === undefined ? { snippet: id } : { snippet: id, text: editedText };
    // asked first: what follows runs while the sidecar works (awaited inside the try below, in this same tick)
    const answer = runOverSocket(body) ?? apiPost<RunResponse>('/api/run', body);
    // a run the events stream announced since the click (this one, or one another view started) says more than the
    // "running" this page would draw, and is never drawn over
    const announcedSince = () => {
      const now = store.runs.get(id);
      return now?.runId && now.runId !== runIdAtClick ? now : undefined;
    };
    const markStarting = () => { if (!announcedSince()) store.markStarting(id, editedText); };
    let shown = false;
    const showRunning = setTimeout(() => { shown = true; markStarting(); }, SHOW_RUNNING_AFTER_MS);
    const settle = () => {
      clearTimeout(showRunning);
      if (!shown) markStarting(); // in the same tick as what follows: rendered once
    };
    try {
      const result = await answer;
      settle();
      store.applyResult(id, result.runId, result);
    } catch (err) {
      settle();
      // its result came by the events stream before the socket closed: it stands, the lost answer changes nothing
      if (announcedSince()?.result) return;
      // no answer at all while it ran (the sidecar died, the proxy says so): the run was interrupted, not refused
      const gone = err instanceof ApiError && (err.code === 'NO_SIDECAR' || err.status === 0 || err.status === 502);
      if (gone && store.runs.get(id)?.runId) store.markInterrupted(id, `Interrupted: the sidecar stopped while this ran (${errorMessage(err)}). Its output until then is shown; run it again once the sidecar is back.`);
      else store.markFailed(id, errorMessage(err));
    } finally {
      asking = false;
    }
  }

  async function cancel(): Promise<void> {
    const runId = run.value?.runId;
    if (!runId) return;
    cancelError.value = undefined;
    try {
      await apiPost(`/api/runs/${encodeURIComponent(runId)}/cancel`);
    } catch (err) {
      cancelError.value = errorMessage(err);
    }
  }

  return { run, state, elapsedMs, cancelError, start, cancel };
}
