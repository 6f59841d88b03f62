// `/api/*` from the browser → the sidecar's app in this same process (`npm start`), with the token added here as the
// proxy does, so the page never holds it. No second hop: the page's channel (a WebSocket) and any request are handled
// where they arrive. Host and Origin are the browser's own, so the sidecar's checks apply unchanged. The deck is
// served before the sidecar has started (its modules load meanwhile): requests wait for it.
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { UpgradeHandler } from '../channel/page-channel';
import { isApiPath, type ApiMiddleware } from './api-proxy';

export interface InProcessSidecar { handle: RequestListener; upgrade: UpgradeHandler; token: string }

/** The browser's credentials for the deck are not the sidecar's business; the token is added instead. */
function withToken(req: IncomingMessage, token: string): void {
  delete req.headers.cookie;
  req.headers.authorization = `Bearer ${token}`;
}

export function inProcessApi(sidecar: Promise<InProcessSidecar>): ApiMiddleware {
  return function api(req: IncomingMessage, res: ServerResponse, next: (err?: unknown) => void): void {
    if (!isApiPath(req.url ?? '/')) {
      next();
      return;
    }
    sidecar.then((s) => {
      withToken(req, s.token);
      s.handle(req, res);
    }, () => {
      res.writeHead(503, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify({ code: 'NO_SIDECAR', message: 'The sidecar did not start (see the terminal of npm start).' }));
    });
  };
}

/** `pgdemo start --offline`: no sidecar behind /api, said the way the proxy says it, so the deck shows recordings. */
export function offlineApi(): ApiMiddleware {
  return function api(req: IncomingMessage, res: ServerResponse, next: (err?: unknown) => void): void {
    if (!isApiPath(req.url ?? '/')) {
      next();
      return;
    }
    res.writeHead(503, { 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify({ code: 'NO_SIDECAR', message: 'The deck was started with --offline: no sidecar, each block shows its recording.' }));
  };
}

/** WebSocket upgrades under /api (the page's channel) → the sidecar in this process, token added. */
export function inProcessUpgrade(sidecar: Promise<InProcessSidecar>): UpgradeHandler {
  return (req, socket, head) => {
    if (!isApiPath(req.url ?? '/')) {
      socket.destroy();
      return;
    }
    sidecar.then((s) => {
      withToken(req, s.token);
      s.upgrade(req, socket, head);
    }, () => socket.destroy());
  };
}
