// The live cluster snapshot (pushed by the sidecar ~4 Hz over the shared events stream) and small views of it.
import { computed } from 'vue';
import { NODE_NAMES, type NodeStatus } from '../server/types';
import { useSidecarEvents } from './useSidecarEvents';

export function useClusterStatus() {
  const { status, connected, offline } = useSidecarEvents();
  const nodes = computed(() => {
    const byName = new Map((status.value?.nodes ?? []).map((n) => [n.name, n as NodeStatus]));
    return NODE_NAMES.map((name) => byName.get(name)).filter((n): n is NodeStatus => n !== undefined);
  });
  const at = computed(() => status.value?.at);
  return { status, connected, offline, nodes, at };
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
