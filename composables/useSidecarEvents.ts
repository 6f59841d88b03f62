// ONE server-sent-events stream per page (`GET /api/events`), shared by every component: cluster snapshots (~4 Hz)
// and every run's start, output and result — whichever view started the run. When the sidecar does not answer the
// deck is offline (the blocks show their recordings) until it answers again; an exported page never asks.
import { computed, readonly, ref, shallowRef } from 'vue';
import type { ClusterStatus, RunResponse, StatusUnavailable } from '../shared/types';
import { isPrintMode } from './printMode';

export interface RunSummaryEvent {
  runId: string;
  snippet?: string;
  state: 'running' | 'done' | 'error';
  startedAt?: string;
  output?: string;
  result?: RunResponse;
  /** the text that runs, when it is a live edit */
  editedText?: string;
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
/** undefined until the first answer or failure: a page that is still connecting is not offline yet */
const answered = ref<boolean>();
const offline = computed(() => isPrintMode || answered.value === false);
// a stream the deck's server refused (503: no sidecar, `--offline`) is closed for good: open a new one after this
const RETRY_MS = 3_000;
const listeners: { [K in keyof EventMap]: Set<Listener<K>> } = {
  run: new Set(), output: new Set(), result: new Set(), open: new Set(),
};
let source: EventSource | undefined;

function emit<K extends keyof EventMap>(event: K, payload: EventMap[K]): void {
  for (const listener of listeners[event]) listener(payload);
}

function connect(): void {
  if (source || isPrintMode || typeof window === 'undefined' || typeof EventSource === 'undefined') return;
  const stream = new EventSource('/api/events');
  source = stream;
  source.addEventListener('open', () => {
    connected.value = true;
    answered.value = true;
    emit('open', undefined);
  });
  // EventSource reconnects by itself after a dropped connection (sidecar restarted, laptop slept), not after a refusal.
  // The last snapshot stays: the status bar shows it as such, with its age, never as the present
  source.addEventListener('error', () => {
    connected.value = false;
    answered.value = false;
    if (stream.readyState !== EventSource.CLOSED) return;
    source = undefined;
    setTimeout(connect, RETRY_MS);
  });
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
    /** the sidecar does not answer, or this page is an export: blocks show their recordings */
    offline,
    on<K extends keyof EventMap>(event: K, listener: Listener<K>): () => void {
      listeners[event].add(listener);
      return () => listeners[event].delete(listener);
    },
  };
}
