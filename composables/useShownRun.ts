// What a block (and a figure quoting it) shows: its live run; its recording while the deck is offline and the block
// has not run live; and its recording in place of a live run when the presenter took it (the safety net), with the
// live run behind it (`instead`) for the block's controls. Live output wins whenever the sidecar answers.
import { computed, watchEffect } from 'vue';
import { fromRecording, useRunStore, type RunView } from './runStore';
import { useRecordings } from './useRecordings';

export function useShownRun(snippetId: () => string) {
  const { runs } = useRunStore();
  const { recordings, offline, load } = useRecordings();
  // a view that did not take the recording (the audience's) hears that another did: it loads them to show it too
  watchEffect(() => { if (runs.get(snippetId())?.showsRecording) void load(); });
  return computed<RunView | undefined>(() => {
    const live = runs.get(snippetId());
    const recording = recordings.get(snippetId());
    if (live?.showsRecording && recording) return { ...fromRecording(recording), runId: live.runId, instead: live };
    if (live || !offline.value) return live;
    return recording && fromRecording(recording);
  });
}
