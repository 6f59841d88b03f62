// `/api/run/socket`: the Run request over a WebSocket the page keeps open. Headless Chromium spends ~4 ms of its own on
// every fetch on these machines and well under 1 ms on a message over an open socket, so this is a click's fast path;
// POST /api/run stays for everything else (and for a page without the socket). The handshake passes the same checks
// as every request (loopback Host, the deck's Origin, the token), each message the same allowlist.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Request, RequestHandler } from 'express';
import { WebSocketServer, type WebSocket } from 'ws';
import { DemoError } from '../../shared/errors';
import { toDemoError } from '../middlewares/error-handler';
import type { RunRegistry } from '../runner/run-registry';
import { resolveRunRequest } from '../runner/run-request';
import type { ApiErrorBody, RunSocketReply, Snippet } from '../../shared/types';

export const RUN_SOCKET_PATH = '/api/run/socket';
const MAX_MESSAGE = 256 * 1024; // as POST /api/run's JSON limit: a larger message gets PAYLOAD_TOO_LARGE
/** past this ws closes the socket (1009) without reading the rest: memory is not ours to give to a stranger */
const MAX_FRAME = 1024 * 1024;

export type UpgradeHandler = (req: IncomingMessage, socket: Duplex, head: Buffer) => void;

/** The first refusal of `checks` (express middlewares that only read headers), or undefined when all pass. */
function refusal(req: IncomingMessage, checks: RequestHandler[]): DemoError | undefined {
  for (const check of checks) {
    let refused: unknown;
    check(req as Request, undefined as never, (err?: unknown) => { refused = err; });
    if (refused) return toDemoError(refused);
  }
  return undefined;
}

function refuse(socket: Duplex, error: DemoError): void {
  const body = JSON.stringify({ code: error.code, message: error.message, ...(error.detail ? { detail: error.detail } : {}) });
  socket.end(`HTTP/1.1 ${error.httpStatus} ${error.code}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
}

export function runSocket(deps: {
  registry: RunRegistry;
  snippets: ReadonlyMap<string, Snippet>;
  brokenSnippets?: ReadonlyMap<string, string>;
  allowEdits: boolean;
  /** the HTTP app's host, origin and token checks, in their order */
  checks: RequestHandler[];
}): { upgrade: UpgradeHandler; close(): void } {
  const server = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME });

  function onMessage(ws: WebSocket, data: unknown): void {
    const arrived = performance.now();
    let id = 0;
    const reply = (message: RunSocketReply) => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
    };
    const fail = (err: unknown) => {
      const error = toDemoError(err);
      const body: ApiErrorBody = { code: error.code, message: error.message, ...(error.detail ? { detail: error.detail } : {}) };
      reply({ id, error: body });
    };
    try {
      const bytes = Array.isArray(data) ? data.reduce((n, b: Buffer) => n + b.length, 0) : (data as Buffer | ArrayBuffer).byteLength;
      if (bytes > MAX_MESSAGE) {
        throw new DemoError('PAYLOAD_TOO_LARGE', `The message is larger than the sidecar takes (${MAX_MESSAGE / 1024} kB).`);
      }
      const message = JSON.parse(String(data)) as { id?: unknown; run?: unknown };
      if (typeof message.id !== 'number') throw new DemoError('BAD_REQUEST', 'A run message needs a numeric "id".');
      id = message.id;
      const request = resolveRunRequest(message.run, deps.snippets, deps.allowEdits, deps.brokenSnippets);
      deps.registry.start(request).done.then((result) => {
        reply({ id, result, sidecarMs: Math.round((performance.now() - arrived) * 100) / 100 });
      }, fail);
    } catch (err) {
      fail(err instanceof SyntaxError ? new DemoError('BAD_REQUEST', 'The message is not valid JSON.') : err);
    }
  }

  return {
    upgrade(req, socket, head) {
      const path = new URL(req.url ?? '/', 'http://localhost').pathname;
      const refused = path === RUN_SOCKET_PATH ? refusal(req, deps.checks)
        : new DemoError('NOT_FOUND', `No WebSocket endpoint ${path}.`);
      if (refused) {
        refuse(socket, refused);
        return;
      }
      server.handleUpgrade(req, socket, head, (ws) => {
        ws.on('message', (data) => onMessage(ws, data));
        ws.on('error', () => ws.terminate());
      });
    },
    close() {
      for (const client of server.clients) client.terminate();
      server.close();
    },
  };
}
