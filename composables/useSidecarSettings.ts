// What the sidecar allows (GET /api/settings), asked again whenever the events stream (re)opens: a sidecar restarted
// with or without `--allow-edits` is seen without a reload.
import { readonly, ref } from 'vue';
import type { SidecarSettings } from '../shared/types';
import { apiGet } from './sidecarApi';
import { useSidecarEvents } from './useSidecarEvents';

const allowEdits = ref(false);
let wired = false;

async function load(): Promise<void> {
  try {
    allowEdits.value = (await apiGet<SidecarSettings>('/api/settings')).allowEdits;
  } catch {
    allowEdits.value = false; // no sidecar: nothing can run, let alone edited text
  }
}

export function useSidecarSettings() {
  if (!wired) {
    wired = true;
    const events = useSidecarEvents();
    events.on('open', () => void load());
    if (events.connected.value) void load();
  }
  return { allowEdits: readonly(allowEdits) };
}
