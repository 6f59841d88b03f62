// Standby lag in bytes over the last minute, one point per status snapshot (~4 Hz), kept for the whole page so a
// chart on the next slide starts with history.
import { effectScope, shallowRef, watch } from 'vue';
import type { NodeName, ProcessState } from '../shared/types';
import { useSidecarChannel } from './sidecarChannel';

/** `state`: the standby's process state at that moment, so the chart can colour a frozen or stopped stretch */
export interface LagPoint { t: number; bytes: number | null; state: ProcessState }
export const LAG_WINDOW_MS = 60_000;

const series = shallowRef<Partial<Record<NodeName, LagPoint[]>>>({});
let watching = false;

function record(at: string, lags: [NodeName, number | null, ProcessState][]): void {
  const t = Date.parse(at);
  const next: Partial<Record<NodeName, LagPoint[]>> = {};
  for (const [name, bytes, state] of lags) {
    const points = (series.value[name] ?? []).filter((p) => p.t > t - LAG_WINDOW_MS && p.t < t);
    points.push({ t, bytes, state });
    next[name] = points;
  }
  series.value = next; // a new object per snapshot: the chart redraws once per update
}

export function useLagHistory() {
  if (!watching) {
    watching = true;
    const { status } = useSidecarChannel();
    // detached: the history outlives the component that first asked for it
    effectScope(true).run(() => watch(status, (s) => {
      if (!s) return;
      record(s.at, s.nodes.filter((n) => n.role === 'standby').map((n) => [n.name, n.lagBytes, n.state]));
    }));
  }
  return { series };
}
