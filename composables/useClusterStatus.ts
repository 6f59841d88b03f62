// The live cluster snapshot (pushed by the sidecar ~4 Hz over the page's channel) and small views of it.
import { computed, onScopeDispose, ref, shallowRef, watch, type Ref } from 'vue';
import { NODE_NAMES, type NodeStatus } from '../shared/types';
import { useOnScreen } from './useOnScreen';
import { useSidecarChannel } from './sidecarChannel';

/**
 * `shownIn`: the component's root element. Given, the snapshot follows the feed only while that element is on screen
 * (and catches up the moment it is): Slidev keeps every slide mounted, and ~80 status bars and pictures re-rendering
 * at 4 Hz on hidden slides cost the page's main thread ~10 % of a core.
 */
export function useClusterStatus(shownIn?: Ref<HTMLElement | undefined>) {
  const live = useSidecarChannel();
  const { connected, offline, statusProblem } = live;
  const status = shownIn ? whileOnScreen(live.status, useOnScreen(shownIn)) : live.status;
  const nodes = computed(() => {
    const byName = new Map((status.value?.nodes ?? []).map((n) => [n.name, n as NodeStatus]));
    return NODE_NAMES.map((name) => byName.get(name)).filter((n): n is NodeStatus => n !== undefined);
  });
  const at = computed(() => status.value?.at);
  return { status, connected, offline, statusProblem, nodes, at };
}

function whileOnScreen<T>(source: Readonly<Ref<T>>, onScreen: Readonly<Ref<boolean>>): Readonly<Ref<T>> {
  const shown = shallowRef(source.value);
  watch([source, onScreen], ([value, on]) => { if (on) shown.value = value; });
  return shown;
}

/**
 * Why the snapshot on screen is not live, with its age, ticking each second ("status unavailable: <reason> · last good
 * snapshot 12 s ago"); empty while it is live. A stale snapshot must never pass for the present.
 */
export function useStaleness() {
  const { status, connected, statusProblem } = useSidecarChannel();
  const now = ref(Date.now());
  const ticker = setInterval(() => { now.value = Date.now(); }, 1000);
  onScopeDispose(() => clearInterval(ticker));
  const age = (iso: string | null | undefined) => {
    if (!iso) return 'no good snapshot yet';
    const seconds = Math.max(0, Math.round((now.value - Date.parse(iso)) / 1000));
    return `last good snapshot ${seconds < 90 ? `${seconds} s` : `${Math.round(seconds / 60)} min`} ago`;
  };
  return computed(() => {
    if (!connected.value) return status.value ? `sidecar not connected · ${age(status.value.at)}` : 'sidecar not connected';
    const problem = statusProblem.value;
    return problem ? `status unavailable: ${problem.reason} · ${age(problem.lastGoodAt)}` : '';
  });
}

/** "12.3 MB", "0 bytes": the unit pg_size_pretty would pick (binary multiples, as PostgreSQL prints them). */
export function prettyBytes(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined) return '—';
  const units = ['bytes', 'kB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (Math.abs(value) >= 10 * 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${unit === 0 ? value : Math.round(value)} ${units[unit]}`;
}
