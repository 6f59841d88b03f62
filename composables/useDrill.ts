// The interview drill as the page sees it (docs/drills.md): one state for the whole page, kept current by the
// channel's `drill` events, and the verbs. Nothing here names the fault before Reveal — the sidecar never sends it to a
// page, except the answer a presenter's page asks for on a drill that opted in (`answer`, on that page alone).
import { onScopeDispose, readonly, ref, watch } from 'vue';
import type { DrillVerb } from '../shared/drills';
import { dispatchDrill, drillState as state } from './drillStore';
import { useSidecarChannel } from './sidecarChannel';
import { errorMessage } from './sidecarError';

export function useDrill() {
  const { request, connected } = useSidecarChannel();
  const busy = ref<DrillVerb | null>(null);
  const error = ref<string>();
  // on connecting (and reconnecting): the drill as it is now, since the events say only what changes
  watch(connected, (open) => {
    if (open) request('drill', { verb: 'state' }).then(dispatchDrill, () => undefined);
  }, { immediate: true });

  async function act(verb: DrillVerb, body?: unknown): Promise<void> {
    if (busy.value) return;
    busy.value = verb;
    error.value = undefined;
    try {
      dispatchDrill(await request('drill', { verb, body }));
    } catch (err) {
      error.value = errorMessage(err);
    } finally {
      busy.value = null;
    }
  }

  return { state: readonly(state), busy, error, act, request };
}

/** The drill's timer: seconds from its start to the diagnosis (which stops it), or to now. */
export function useDrillTimer() {
  const now = ref(Date.now());
  const timer = setInterval(() => (now.value = Date.now()), 1_000);
  onScopeDispose(() => clearInterval(timer));
  return () => {
    const s = state.value;
    if (!s?.startedAt) return null;
    const end = s.diagnosedAt ? Date.parse(s.diagnosedAt) : now.value;
    return Math.max(0, Math.round((end - Date.parse(s.startedAt)) / 1000));
  };
}
