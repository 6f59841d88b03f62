// What a block (and a figure quoting it) shows: its live run; while the deck is offline and the block has not run
// live, its recording. Live output wins whenever the sidecar answers.
import { computed } from 'vue';
import { fromRecording, useRunStore, type RunView } from './runStore';
import { useRecordings } from './useRecordings';

export function useShownRun(snippetId: () => string) {
  const { runs } = useRunStore();
  const { recordings, offline } = useRecordings();
  return computed<RunView | undefined>(() => {
    const live = runs.get(snippetId());
    if (live || !offline.value) return live;
    const recording = recordings.get(snippetId());
    return recording && fromRecording(recording);
  });
}
