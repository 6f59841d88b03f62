// The live cluster snapshot (pushed by the sidecar ~4 Hz over the shared events stream) and small views of it.
import { computed, onScopeDispose, ref } from 'vue';
import { NODE_NAMES, type NodeStatus } from '../server/types';
import { useSidecarEvents } from './useSidecarEvents';

export function useClusterStatus() {
  const { status, connected, offline, statusProblem } = useSidecarEvents();
  const nodes = computed(() => {
    const byName = new Map((status.value?.nodes ?? []).map((n) => [n.name, n as NodeStatus]));
    return NODE_NAMES.map((name) => byName.get(name)).filter((n): n is NodeStatus => n !== undefined);
  });
  const at = computed(() => status.value?.at);
  return { status, connected, offline, statusProblem, nodes, at };
}

/**
 * Why the snapshot on screen is not live, with its age, ticking each second ("status unavailable: <reason> · last good
 * snapshot 12 s ago"); empty while it is live. A stale snapshot must never pass for the present.
 */
export function useStaleness() {
  const { status, connected, statusProblem } = useSidecarEvents();
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
