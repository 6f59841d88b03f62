// A click's fast path to the sidecar: one WebSocket per page (`/api/run/socket`). On these machines headless Chromium
// spends ~4 ms of its own on every fetch and well under 1 ms on a message over an open socket, several times the
// sidecar's own time for a one-row query. Where the socket is not there (the dev server does not pass it on, the
// sidecar restarts), runs go through POST /api/run as before.
import type { RunResponse, RunSocketReply, RunSocketRequest } from '../shared/types';
import { isPrintMode } from './printMode';
import { ApiError } from './sidecarApi';

const PATH = '/api/run/socket';
const RETRY_MS = 1_000;
const GIVE_UP_AFTER = 3; // attempts in a row that never opened: this server does not offer the socket

interface Pending { resolve: (result: RunResponse) => void; reject: (err: ApiError) => void }

let socket: WebSocket | undefined;
let open = false;
let failedAttempts = 0;
let nextId = 1;
const pending = new Map<number, Pending>();

function connect(): void {
  if (socket || isPrintMode || typeof window === 'undefined' || typeof WebSocket === 'undefined' || failedAttempts >= GIVE_UP_AFTER) return;
  const ws = new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${PATH}`);
  socket = ws;
  ws.addEventListener('open', () => {
    open = true;
    failedAttempts = 0;
  });
  ws.addEventListener('message', (e: MessageEvent<string>) => {
    const reply = JSON.parse(e.data) as RunSocketReply;
    const waiting = pending.get(reply.id);
    pending.delete(reply.id);
    if (!waiting) return;
    if ('result' in reply) waiting.resolve(reply.result);
    else waiting.reject(new ApiError(reply.error.code, reply.error.message, 0, reply.error.detail));
  });
  ws.addEventListener('close', () => {
    if (!open) failedAttempts++;
    open = false;
    socket = undefined;
    // the sidecar (or the deck server in front of it) went away with the answer: said at once, as the POST's failure
    // would be, so no block waits for an announcement that a dead sidecar never sends; a sidecar that lives on still
    // ends the run, and the events stream's result replaces this message
    for (const waiting of pending.values()) {
      waiting.reject(new ApiError('NO_SIDECAR', 'The connection to the sidecar closed before the run answered.', 0));
    }
    pending.clear();
    setTimeout(connect, RETRY_MS);
  });
}

/** Opens the socket early, so it is there by the first click. */
export function useRunSocket(): void {
  connect();
}

/**
 * Asks for a run over the socket. undefined when the socket is not open (use POST /api/run); the promise gives the
 * result, or rejects like the POST would (NO_SIDECAR when the socket closed before the answer).
 */
export function runOverSocket(run: unknown): Promise<RunResponse> | undefined {
  connect();
  // a closing socket drops what is sent on it without a word: only an open one is asked
  if (!open || !socket || socket.readyState !== WebSocket.OPEN) return undefined;
  const id = nextId++;
  const message: RunSocketRequest = { id, run };
  const answer = new Promise<RunResponse>((resolve, reject) => pending.set(id, { resolve, reject }));
  socket.send(JSON.stringify(message));
  return answer;
}
