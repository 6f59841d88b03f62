// A cluster operation (reset, freeze, …) started from the deck, with its honest report: what ran and how long.
import { ref, shallowRef } from 'vue';
import type { ActionParams } from '../shared/wire';
import type { ClusterAction, OperationResponse } from '../shared/types';
import { useSidecarChannel } from './sidecarChannel';
import { errorMessage } from './sidecarError';

export function useClusterAction(action: ClusterAction) {
  const { request } = useSidecarChannel();
  const busy = ref(false);
  const error = ref<string>();
  const report = shallowRef<OperationResponse>();

  async function perform(params: ActionParams = {}): Promise<void> {
    if (busy.value) return;
    busy.value = true;
    error.value = undefined;
    try {
      report.value = await request('cluster', { action, params });
      // it ran but did not reach its goal: show why, never as a success
      if (!report.value.ok) error.value = `${action} did not reach its goal: ${report.value.detail ?? 'no detail'}`;
    } catch (err) {
      error.value = errorMessage(err);
    } finally {
      busy.value = false;
    }
  }

  return { busy, error, report, perform };
}
