// `/api/*` from the browser → the sidecar's app in this same process (`npm start`), with the token added here as the
// proxy does, so the page never holds it. No second HTTP hop: a click's request and the events stream are handled
// where they arrive. Host and Origin are the browser's own, so the sidecar's checks apply unchanged.
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { UpgradeHandler } from '../routes/run-socket';
import { isApiPath, type ApiMiddleware } from './api-proxy';

/** The browser's credentials for the deck are not the sidecar's business; the token is added instead. */
function withToken(req: IncomingMessage, token: string): void {
  delete req.headers.cookie;
  req.headers.authorization = `Bearer ${token}`;
}

export function inProcessApi(sidecar: { handle: RequestListener; token: string }): ApiMiddleware {
  return function api(req: IncomingMessage, res: ServerResponse, next: (err?: unknown) => void): void {
    if (!isApiPath(req.url ?? '/')) {
      next();
      return;
    }
    withToken(req, sidecar.token);
    sidecar.handle(req, res);
  };
}

/** WebSocket upgrades under /api (the run socket) → the sidecar in this process, token added. */
export function inProcessUpgrade(sidecar: { upgrade: UpgradeHandler; token: string }): UpgradeHandler {
  return (req, socket, head) => {
    if (!isApiPath(req.url ?? '/')) {
      socket.destroy();
      return;
    }
    withToken(req, sidecar.token);
    sidecar.upgrade(req, socket, head);
  };
}
