// The built deck (dist/, a single-page app) on 127.0.0.1, with /api answered by the sidecar: through the proxy
// (`npm run serve:deck`), or in this process (`npm start`).
import { existsSync } from 'node:fs';
import type { IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Duplex } from 'node:stream';
import express, { type ErrorRequestHandler } from 'express';
import type { UpgradeHandler } from '../channel/page-channel';
import { listenOnLoopback } from '../system/loopback-server';
import type { ApiMiddleware } from './api-proxy';

export interface DeckServerOptions {
  distDir: string;
  api: ApiMiddleware;
  /** WebSocket upgrades (the page's channel); without it they are refused, and the page shows its recordings */
  upgrade?: UpgradeHandler;
  /** 0 = any free port */
  port?: number;
  /** `npm run export`'s PDFs, served under /exports/ for the deck's download button */
  exportsDir?: string;
}

export interface RunningDeck {
  url: string;
  close(): Promise<void>;
}

/**
 * A missing file (the PDF the page asks about on every load when none was exported, an old asset) is a plain 404, said to
 * the browser only: Express's own last handler would also dump each one into the presenter's terminal.
 */
const answerErrors: ErrorRequestHandler = (err: { status?: number; message?: string }, req, res, _next) => {
  const status = typeof err.status === 'number' && err.status >= 400 && err.status < 600 ? err.status : 500;
  if (status >= 500) console.error(`Deck server: ${req.method} ${req.path} failed: ${err.message ?? String(err)}`);
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.status(status).type('text/plain').send(status === 404 ? 'Not found' : 'The deck server could not answer this request.');
};

export async function serveDeck(options: DeckServerOptions): Promise<RunningDeck> {
  const index = join(options.distDir, 'index.html');
  if (!existsSync(index)) throw new Error(`No built deck in ${options.distDir}: run \`npm run build\` first.`);

  const app = express();
  app.disable('x-powered-by');
  app.use(options.api);
  if (options.exportsDir) app.use('/exports', express.static(options.exportsDir, { fallthrough: false, extensions: [] }));
  // Vite names every file under assets/ by a hash of its content: a browser keeps them for good, so a reload of the
  // deck (or the next `npm start` in the same browser) asks for index.html alone. A missing asset is a 404, not the app.
  app.use('/assets', express.static(join(options.distDir, 'assets'), { immutable: true, maxAge: '365d', fallthrough: false }));
  // index.html and the rest: revalidated on each load (a rebuilt deck shows at once)
  app.use(express.static(options.distDir, { index: 'index.html', fallthrough: true }));
  // every slide URL (/3, /presenter/3, /overview) is the same app
  app.get(/.*/, (_req, res) => res.sendFile(index));
  app.use(answerErrors);

  const server: Server = await listenOnLoopback(app, options.port ?? 0);
  // upgraded sockets leave the HTTP server's books but still hold its close(): ended here on close
  const upgraded = new Set<Duplex>();
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (!options.upgrade) {
      socket.destroy();
      return;
    }
    upgraded.add(socket);
    socket.on('close', () => upgraded.delete(socket));
    options.upgrade(req, socket, head);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    async close() {
      for (const socket of upgraded) socket.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
