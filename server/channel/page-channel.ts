// `/api/channel`: the page's one channel to the sidecar (shared/wire.ts defines what travels on it). On connecting, a
// page gets the snapshot — who this sidecar is, what it allows, every block's last run — and from that moment every
// event, in order on the same socket: cluster status (the feed reads the cluster only while a page listens), each run's
// start, output and result, and the replies to its own requests. The handshake passes the same checks as every HTTP
// request (loopback Host, the deck's Origin, the token), each request the same allowlist.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Request, RequestHandler } from 'express';
import { WebSocketServer, type WebSocket } from 'ws';
import { DemoError } from '../../shared/errors';
import type { SidecarSettings } from '../../shared/types';
import { CHANNEL_PATH, type SidecarMessage } from '../../shared/wire';
import { toDemoError } from '../middlewares/error-handler';
import { BACKLOG_LIMIT } from '../routes/sse';
import type { RunEvents } from '../runner/run-registry';
import type { StatusFeed } from '../sidecar/status-feed';
import { refuseUpgrade } from '../system/refuse-upgrade';
import { answer, requestHandlers, type RequestDeps } from './requests';

/** past this ws closes the socket (1009) without reading the rest: memory is not ours to give to a stranger */
const MAX_FRAME = 1024 * 1024;

export type UpgradeHandler = (req: IncomingMessage, socket: Duplex, head: Buffer) => void;

export interface ChannelDeps extends RequestDeps {
  statusFeed: StatusFeed;
  /** the HTTP app's host, origin and token checks, in their order */
  checks: RequestHandler[];
  backlogBytes?: number;
  log?: (err: unknown) => void;
}

/** The first refusal of `checks` (express middlewares that only read headers), or undefined when all pass. */
function refusal(req: IncomingMessage, checks: RequestHandler[]): DemoError | undefined {
  for (const check of checks) {
    let refused: unknown;
    check(req as Request, undefined as never, (err?: unknown) => { refused = err; });
    if (refused) return toDemoError(refused);
  }
  return undefined;
}

/** One page's connection: the snapshot, then events and replies, until it closes or stops reading. */
function connect(ws: WebSocket, deps: ChannelDeps, settings: SidecarSettings, backlog: number): void {
  const { registry, statusFeed } = deps;
  const send = (message: SidecarMessage) => {
    if (ws.readyState !== ws.OPEN) return;
    ws.send(JSON.stringify(message));
    // checked after the send: the last message of a burst (a run's result) may be the one that passes the limit
    if (ws.bufferedAmount > backlog) ws.terminate();
  };
  // the snapshot and the subscriptions in one turn: nothing can happen between them, so every event after it is newer
  send({ type: 'snapshot', epoch: registry.epoch, seq: registry.seq, settings, runs: registry.lastBySnippet() });
  // a run announced with its result (a quick one) travels as its result alone: the page renders it once
  const onRun = (...[summary]: RunEvents['run']) => {
    if (summary.state === 'running') send({ type: 'run', ...summary });
  };
  const onOutput = (...[e]: RunEvents['output']) => send({ type: 'output', ...e });
  const onResult = (...[e]: RunEvents['result']) => send({ type: 'result', ...e });
  const onShown = (...[e]: RunEvents['recording-shown']) => send({ type: 'recording-shown', ...e });
  registry.on('run', onRun).on('output', onOutput).on('result', onResult).on('recording-shown', onShown);
  const unsubscribe = statusFeed.subscribe((update) => send('status' in update
    ? { type: 'status', status: update.status } : { type: 'status-unavailable', unavailable: update.unavailable }));
  const unsubscribeDrill = deps.drills.subscribe((state) => send({ type: 'drill', state }));
  const handlers = requestHandlers(deps);
  ws.on('message', (data) => void answer(data, handlers, send, deps.log ?? console.error));
  ws.on('error', () => ws.terminate());
  ws.on('close', () => {
    unsubscribe();
    unsubscribeDrill();
    registry.off('run', onRun).off('output', onOutput).off('result', onResult).off('recording-shown', onShown);
  });
}

export function pageChannel(deps: ChannelDeps): { upgrade: UpgradeHandler; close(): void } {
  const server = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME });
  const settings: SidecarSettings = { allowEdits: deps.allowEdits };
  const backlog = deps.backlogBytes ?? BACKLOG_LIMIT;
  return {
    upgrade(req, socket, head) {
      const path = new URL(req.url ?? '/', 'http://localhost').pathname;
      const refused = path === CHANNEL_PATH ? refusal(req, deps.checks)
        : new DemoError('NOT_FOUND', `No WebSocket endpoint ${path}.`);
      if (refused) {
        refuseUpgrade(socket, refused.httpStatus, { code: refused.code, message: refused.message, detail: refused.detail });
        return;
      }
      server.handleUpgrade(req, socket, head, (ws) => connect(ws, deps, settings, backlog));
    },
    close() {
      for (const client of server.clients) client.terminate();
      server.close();
    },
  };
}
