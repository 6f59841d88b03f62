// Which block part is open full-screen: one state for the whole deck, shared between the presenter and the audience
// windows through Slidev's sync (a BroadcastChannel in the built deck), so a click in the presenter view shows the
// result full-screen on the projector too, and Esc in either window closes it in both.
import { createSyncState } from '@slidev/client';
import { computed } from 'vue';

export type ZoomPart = 'result' | 'code';
interface ZoomState { snippet: string | null; part: ZoomPart }

let sync: ReturnType<typeof createSyncState<ZoomState>> | undefined;

function shared() {
  if (!sync) {
    sync = createSyncState<ZoomState>({ snippet: null, part: 'result' }, { snippet: null, part: 'result' });
    if (typeof window !== 'undefined') sync.init('pgdemo-zoom');
  }
  return sync;
}

export function useZoom(snippet: () => string) {
  const { state, patch } = shared();
  return {
    /** the part of this block that is open full-screen, if any */
    open: computed(() => (state.snippet === snippet() ? state.part : null)),
    show(part: ZoomPart): void {
      patch('part', part);
      patch('snippet', snippet());
    },
    close(): void {
      patch('snippet', null);
    },
  };
}
