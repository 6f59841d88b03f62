// What the sidecar allows, from the snapshot on each (re)connection of the page's channel: a sidecar restarted with or
// without `--allow-edits` is seen without a reload. Nothing is allowed before the first snapshot; while the channel
// is down the deck is offline, and nothing runs anyway.
import { computed } from 'vue';
import { useSidecarChannel } from './sidecarChannel';

export function useSidecarSettings() {
  const { settings } = useSidecarChannel();
  return { allowEdits: computed(() => settings.value.allowEdits) };
}
