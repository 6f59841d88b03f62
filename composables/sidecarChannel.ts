// The page's ONE channel to the sidecar (shared/wire.ts): a WebSocket at /api/channel, opened once per page and shared
// by every component. It carries this page's requests (run, cancel, a cluster operation) and their replies, and what
// the sidecar says on its own: first a snapshot (who it is, what it allows, every block's last run), then the cluster
// status (~4 Hz) and every run's start, output and result, whichever view started it — the runs straight into the run
// store, whoever opened the channel first. When the sidecar does not answer
// the deck is offline (the blocks show their recordings) and keeps asking; an exported page never opens it.
import { computed, readonly, ref, shallowRef } from 'vue';
import { CHANNEL_PATH, type ClusterStatus, type SidecarSettings, type StatusUnavailable } from '../shared/types';
import type { Reply, ReplyValue, RequestBody, RequestType, SidecarMessage } from '../shared/wire';
import { isPrintMode } from './printMode';
import { dispatchRuns } from './runStore';
import { dispatchDrill } from './drillStore';
import { ApiError } from './sidecarError';
import { SAYS } from './wording';

// a channel that dropped is asked again soon (the sidecar restarting, the deck server's proxy); one that never opened
// (no sidecar, `--offline`) every few seconds
const RETRY_AFTER_DROP_MS = 1_000;
const RETRY_MS = 3_000;

const status = shallowRef<ClusterStatus | null>(null);
/** set while the sidecar cannot read the cluster: then `status` is the last good snapshot, not the present */
const statusProblem = shallowRef<StatusUnavailable | null>(null);
const settings = shallowRef<SidecarSettings>({ allowEdits: false });
/** open, and the sidecar's snapshot heard */
const connected = ref(false);
/** undefined until the first answer or failure: a page that is still connecting is not offline yet */
const answered = ref<boolean>();
const offline = computed(() => isPrintMode || answered.value === false);

const pending = new Map<number, { resolve: (value: never) => void; reject: (err: ApiError) => void }>();
/** requests asked while the channel opens: sent as soon as it is open */
const queued: string[] = [];
let socket: WebSocket | undefined;
let retry: ReturnType<typeof setTimeout> | undefined;
let nextId = 1;

function settle(reply: Reply): void {
  const waiting = pending.get(reply.id);
  pending.delete(reply.id);
  if (!waiting) return;
  if ('error' in reply) waiting.reject(new ApiError(reply.error.code, reply.error.message, reply.error.detail));
  else waiting.resolve(reply.value as never);
}

function receive(message: SidecarMessage): void {
  switch (message.type) {
    case 'reply': return settle(message);
    case 'status':
      status.value = message.status;
      statusProblem.value = null;
      return;
    case 'status-unavailable':
      statusProblem.value = message.unavailable;
      return;
    case 'snapshot':
      settings.value = message.settings;
      connected.value = true;
      answered.value = true;
      return dispatchRuns(message);
    case 'run':
    case 'output':
    case 'result':
    case 'recording-shown':
      return dispatchRuns(message);
    case 'drill':
      return dispatchDrill(message.state);
    default:
      // a message this page does not know (a newer sidecar's): nothing to do with it
  }
}

function connect(): void {
  if (socket || isPrintMode || typeof window === 'undefined' || typeof WebSocket === 'undefined') return;
  clearTimeout(retry);
  const ws = new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${CHANNEL_PATH}`);
  socket = ws;
  let opened = false;
  ws.addEventListener('open', () => {
    opened = true;
    for (const message of queued.splice(0)) ws.send(message);
  });
  ws.addEventListener('message', (e: MessageEvent<string>) => receive(JSON.parse(e.data) as SidecarMessage));
  ws.addEventListener('close', () => {
    socket = undefined;
    queued.length = 0;
    connected.value = false;
    answered.value = false;
    // nothing waiting on this socket will be answered: said at once, so no block waits for what a gone sidecar never
    // sends (a sidecar that lives on still ends its runs, and the snapshot on the next connection shows them)
    const error = new ApiError('NO_SIDECAR', opened ? SAYS.closedBeforeAnswer : SAYS.noSidecar);
    for (const waiting of pending.values()) waiting.reject(error);
    pending.clear();
    dispatchRuns({ type: 'disconnected' });
    retry = setTimeout(connect, opened ? RETRY_AFTER_DROP_MS : RETRY_MS);
  });
}

/** Asks the sidecar; the reply's value, or an ApiError (its refusal, or NO_SIDECAR when the channel closed first). */
function request<T extends RequestType>(type: T, body: RequestBody<T>): Promise<ReplyValue<T>> {
  connect(); // a channel waiting to reconnect is asked now
  if (!socket) return Promise.reject(new ApiError('NO_SIDECAR', SAYS.noSidecar)); // an exported page
  const id = nextId++;
  const message = JSON.stringify({ id, type, ...body });
  const reply = new Promise<ReplyValue<T>>((resolve, reject) => pending.set(id, { resolve, reject }));
  if (socket.readyState === WebSocket.OPEN) socket.send(message);
  else queued.push(message);
  return reply;
}

export function useSidecarChannel() {
  connect();
  return {
    status: readonly(status),
    statusProblem: readonly(statusProblem),
    settings: readonly(settings),
    connected: readonly(connected),
    /** the sidecar does not answer, or this page is an export: blocks show their recordings */
    offline,
    request,
  };
}
