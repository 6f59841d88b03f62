// What the sidecar allows, from the snapshot on each (re)connection of the page's channel: a sidecar restarted with or
// without `--allow-edits` is seen without a reload. No sidecar: nothing runs, let alone edited text.
import { computed } from 'vue';
import { useSidecarChannel } from './sidecarChannel';

export function useSidecarSettings() {
  const { settings, connected } = useSidecarChannel();
  return { allowEdits: computed(() => connected.value && settings.value.allowEdits) };
}
