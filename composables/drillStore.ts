// The drill's state for the whole page (one for every component), fed by the channel's `drill` events.
import { shallowRef } from 'vue';
import type { DrillState } from '../shared/drills';

export const drillState = shallowRef<DrillState | null>(null);

/** The channel's `drill` event (sidecarChannel.ts), and each verb's reply: every page hears each change. */
export function dispatchDrill(next: DrillState): void {
  drillState.value = next;
}
