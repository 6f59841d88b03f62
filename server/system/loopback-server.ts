// Every HTTP server of the project listens on 127.0.0.1 only, with deadlines for slow clients: a client that trickles
// its headers or its body holds a socket and memory, so both have a limit, checked every second (Node's default
// checks every 30 s). Long answers are not limited: a run may stream for minutes, and the events stream for hours.
import { createServer, type RequestListener, type Server } from 'node:http';

export interface ClientDeadlines {
  /** all of a request's headers (default 10 s) */
  headersMs?: number;
  /** the whole request, body included (default 30 s) */
  requestMs?: number;
}

export const DEFAULT_DEADLINES: Required<ClientDeadlines> = { headersMs: 10_000, requestMs: 30_000 };

export async function listenOnLoopback(handler: RequestListener, port: number, deadlines: ClientDeadlines = {}): Promise<Server> {
  const { headersMs, requestMs } = { ...DEFAULT_DEADLINES, ...deadlines };
  const server = createServer({
    headersTimeout: headersMs,
    requestTimeout: requestMs,
    connectionsCheckingInterval: Math.min(1_000, headersMs),
  }, handler);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  return server;
}
