// One block's run: its state as the sidecar reports it, plus the verbs `run` and `cancel`.
import { computed, onScopeDispose, ref, watch } from 'vue';
import type { RunResponse } from '../server/types';
import { useRunStore, type RunViewState } from './runStore';
import { apiPost, errorMessage } from './sidecarApi';

export function useRun(snippetId: () => string) {
  const store = useRunStore();
  const run = computed(() => store.runs.get(snippetId()));
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

  async function start(): Promise<void> {
    const id = snippetId();
    if (state.value === 'running') return;
    store.markStarting(id);
    try {
      const result = await apiPost<RunResponse>('/api/run', { snippet: id });
      store.applyResult(id, result.runId, result);
    } catch (err) {
      store.markFailed(id, errorMessage(err));
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
