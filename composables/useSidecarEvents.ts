// ONE server-sent-events stream per page (`GET /api/events`), shared by every component: cluster snapshots (~4 Hz)
// and every run's start, output and result — whichever view started the run.
import { readonly, ref, shallowRef } from 'vue';
import type { ClusterStatus, RunResponse, StatusUnavailable } from '../server/types';

export interface RunSummaryEvent {
  runId: string;
  snippet?: string;
  state: 'running' | 'done' | 'error';
  startedAt?: string;
  output?: string;
  result?: RunResponse;
}
export interface RunOutputEvent { runId: string; snippet?: string; stream: 'stdout' | 'stderr'; data: string }
export interface RunResultEvent { runId: string; snippet?: string; result: RunResponse }

interface EventMap {
  run: RunSummaryEvent;
  output: RunOutputEvent;
  result: RunResultEvent;
  /** the stream (re)opened: whatever happened while it was down must be fetched again */
  open: void;
}
type Listener<K extends keyof EventMap> = (payload: EventMap[K]) => void;

const status = shallowRef<ClusterStatus | null>(null);
/** set while the sidecar cannot read the cluster: then `status` is the last good snapshot, not the present */
const statusProblem = shallowRef<StatusUnavailable | null>(null);
const connected = ref(false);
const listeners: { [K in keyof EventMap]: Set<Listener<K>> } = {
  run: new Set(), output: new Set(), result: new Set(), open: new Set(),
};
let source: EventSource | undefined;

function emit<K extends keyof EventMap>(event: K, payload: EventMap[K]): void {
  for (const listener of listeners[event]) listener(payload);
}

function connect(): void {
  if (source || typeof window === 'undefined' || typeof EventSource === 'undefined') return;
  source = new EventSource('/api/events');
  source.addEventListener('open', () => {
    connected.value = true;
    emit('open', undefined);
  });
  // EventSource reconnects by itself (sidecar restarted, laptop slept); we only show that it is down meanwhile
  source.addEventListener('error', () => { connected.value = false; });
  source.addEventListener('status', (e) => {
    status.value = JSON.parse((e as MessageEvent<string>).data) as ClusterStatus;
    statusProblem.value = null;
  });
  source.addEventListener('status-unavailable', (e) => {
    statusProblem.value = JSON.parse((e as MessageEvent<string>).data) as StatusUnavailable;
  });
  for (const name of ['run', 'output', 'result'] as const) {
    source.addEventListener(name, (e) => emit(name, JSON.parse((e as MessageEvent<string>).data)));
  }
}

export function useSidecarEvents() {
  connect();
  return {
    status: readonly(status),
    statusProblem: readonly(statusProblem),
    connected: readonly(connected),
    on<K extends keyof EventMap>(event: K, listener: Listener<K>): () => void {
      listeners[event].add(listener);
      return () => listeners[event].delete(listener);
    },
  };
}
