// The recordings rehearse made (recordings/, one JSON per block): what a block shows while the deck is offline and in
// the exported PDF. Loaded only once the deck goes offline, so a live deck never downloads them.
import { computed, effectScope, shallowReactive, watch } from 'vue';
import type { Recording } from '../shared/types';
import { useSidecarChannel } from './sidecarChannel';

const files = import.meta.glob<Recording>('/recordings/**/*.json', { import: 'default' });
const recordings = shallowReactive(new Map<string, Recording>());
let loading: Promise<void> | undefined;

function load(): Promise<void> {
  loading ??= Promise.all(Object.values(files).map(async (file) => {
    const recording = await file();
    recordings.set(recording.snippet, recording);
  })).then(() => undefined);
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
  return { recordings, offline, newest };
}

/** The latest recording: when, and on what, the results shown offline were recorded. */
const newest = computed(() => [...recordings.values()].reduce<Recording | undefined>(
  (latest, r) => (!latest || r.recordedAt > latest.recordedAt ? r : latest), undefined));

/** "recorded 2026-11-29 · PostgreSQL 15.14 · embedded" */
export function recordedLabel(recording: Pick<Recording, 'recordedAt' | 'postgresVersion' | 'backend'>): string {
  return `recorded ${recording.recordedAt.slice(0, 10)} · PostgreSQL ${recording.postgresVersion} · ${recording.backend}`;
}
