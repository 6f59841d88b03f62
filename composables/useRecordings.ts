// The recordings rehearse made (recordings/, one JSON per block, and per demo the lag its charts showed): what a block
// and a lag chart show while the deck is offline and in the exported PDF, and what the safety net puts in a failed or
// overrunning live run's place. Loaded only once the deck goes offline or a live run may need one, so a live deck whose
// runs go well never downloads them.
import { computed, effectScope, ref, shallowReactive, watch } from 'vue';
import type { LagRecording, Recording } from '../shared/types';
import { retryLoad } from './retryLoad';
import { useSidecarChannel } from './sidecarChannel';

const files = import.meta.glob<Recording>(['/recordings/**/*.json', '!/recordings/**/lag.json'], { import: 'default' });
const lagFiles = import.meta.glob<LagRecording>('/recordings/*/lag.json', { import: 'default' });
const recordings = shallowReactive(new Map<string, Recording>());
/** `demo2` → the lag recorded while it ran */
const lags = shallowReactive(new Map<string, LagRecording>());
const loaded = ref(false);
let loading: Promise<void> | undefined;

/**
 * Every recording, each file tried again if its fetch failed. A load that still failed is said in the console and
 * tried anew by the next call (the safety net calls again as its run goes on; offline mode, the next time it begins).
 */
function load(): Promise<void> {
  loading ??= Promise.all([
    ...Object.values(files).map(async (file) => {
      const recording = await retryLoad(file);
      recordings.set(recording.snippet, recording);
    }),
    ...Object.values(lagFiles).map(async (file) => {
      const lag = await retryLoad(file);
      lags.set(lag.demo, lag);
    }),
  ]).then(() => { loaded.value = true; }, (err: unknown) => {
    loading = undefined;
    console.error('The recordings did not load:', err);
  });
  return loading;
}

let watching = false;

export function useRecordings() {
  const { offline } = useSidecarChannel();
  if (!watching) {
    watching = true;
    // detached: loading outlives the block that first asked
    effectScope(true).run(() => watch(offline, (isOffline) => { if (isOffline) void load(); }, { immediate: true }));
  }
  /** `load`: now, for a live run that may need its recording (the safety net, composables/safetyNet.ts) */
  return { recordings, lags, loaded, offline, newest, load };
}

/** The latest recording: when, and on what, the results shown offline were recorded. */
const newest = computed(() => [...recordings.values()].reduce<Recording | undefined>(
  (latest, r) => (!latest || r.recordedAt > latest.recordedAt ? r : latest), undefined));

export { recordedLabel } from '../shared/run-text';
