// `/api/*` from the browser → the sidecar, with the token added here so the page never holds it. Used by the Vite dev
// and preview servers (vite.config.ts) and by the built deck's server (serve-deck.ts): one proxy, tested once.
// The Host and Origin headers pass through unchanged (no "changeOrigin"): the sidecar checks both.
import { Agent, request, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import { join } from 'node:path';
import { readSidecarFile, type SidecarFile } from '../sidecar/sidecar-file.ts';

export type SidecarLocator = () => Promise<SidecarFile | undefined>;

/** Reads `<stateDir>/sidecar.json` on every request: a restarted sidecar (new port) is found without a restart here. */
export function sidecarFromStateDir(stateDir: string): SidecarLocator {
  return () => readSidecarFile(stateDir);
}

export function defaultStateDir(projectRoot: string): string {
  return process.env.PGDEMO_CLUSTER_DIR ?? join(projectRoot, '.cluster');
}

// headers that describe one hop, not the message: never forwarded
const HOP_BY_HOP = ['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade', 'te', 'trailer'];
// the browser's credentials for the deck are not the sidecar's business
const NOT_FORWARDED = [...HOP_BY_HOP, 'authorization', 'cookie'];

function without(headers: IncomingHttpHeaders, names: string[]): IncomingHttpHeaders {
  const copy = { ...headers };
  for (const name of names) delete copy[name];
  return copy;
}

function sendError(res: ServerResponse, status: number, code: string, message: string): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify({ code, message }));
}

/** How the deck's server answers `/api/*`: this proxy, or the sidecar's app in the same process (in-process-api.ts). */
export type ApiMiddleware = (req: IncomingMessage, res: ServerResponse, next: (err?: unknown) => void) => void | Promise<void>;

export function isApiPath(url: string): boolean {
  return url === '/api' || url.startsWith('/api/') || url.startsWith('/api?');
}

/** A connect/express middleware; requests outside /api go to `next`. */
export function apiProxyMiddleware(locate: SidecarLocator): ApiMiddleware {
  const agent = new Agent({ keepAlive: true }); // reuse connections to the sidecar: one fewer handshake per click
  return async function apiProxy(req: IncomingMessage, res: ServerResponse, next: (err?: unknown) => void): Promise<void> {
    const url = req.url ?? '/';
    if (!isApiPath(url)) {
      next();
      return;
    }
    const sidecar = await locate();
    if (!sidecar) {
      sendError(res, 503, 'NO_SIDECAR', 'The sidecar is not running (no sidecar.json): start it with `npm start` or `npm run serve`.');
      return;
    }
    const upstream = request(new URL(url, sidecar.url), {
      method: req.method,
      agent,
      headers: { ...without(req.headers, NOT_FORWARDED), authorization: `Bearer ${sidecar.token}` },
    });
    upstream.on('response', (answer) => {
      res.writeHead(answer.statusCode ?? 502, without(answer.headers, HOP_BY_HOP));
      res.flushHeaders(); // server-sent events must reach the page at once
      answer.pipe(res);
      // the sidecar died mid-answer (an events stream, say): end the caller's side too, so it sees it at once
      answer.on('close', () => {
        if (!answer.complete) res.destroy();
      });
    });
    upstream.on('error', (err: NodeJS.ErrnoException) => {
      sendError(res, 502, 'NO_SIDECAR', `The sidecar at ${sidecar.url} did not answer (${err.code ?? err.message}). Is it running?`);
    });
    // the caller went away (a script stopped, a closed tab): end the upstream request too, e.g. an events stream
    res.on('close', () => {
      if (!res.writableFinished) upstream.destroy();
    });
    req.pipe(upstream);
  };
}
