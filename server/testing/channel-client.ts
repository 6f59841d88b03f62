// A page's channel as the tests open it (`ws`, any headers a hostile page's browser could send): every message it
// receives is parsed with the wire's schema, so what the sidecar sends cannot drift from what shared/wire.ts defines.
import { once } from 'node:events';
import { WebSocket } from 'ws';
import { CHANNEL_PATH, sidecarMessage, type EventOf, type EventType, type Reply, type RequestBody, type RequestType, type SidecarMessage } from '../../shared/wire';

export const DECK_ORIGIN = 'http://localhost:3030';

export interface ChannelClient {
  ws: WebSocket;
  /** every message received so far, in order */
  received: SidecarMessage[];
  /** sends a request (or any raw text or bytes), resolves with the reply to it */
  ask<T extends RequestType>(type: T, body: RequestBody<T>): Promise<Reply>;
  send(raw: string | Buffer): Promise<Reply>;
  /** the first message received (from the start) for which `match` holds; waits for it up to `timeoutMs` */
  next<T extends EventType>(type: T, match?: (m: EventOf<T>) => boolean, timeoutMs?: number): Promise<EventOf<T>>;
  close(): Promise<void>;
}

export const channelUrl = (sidecarUrl: string, path = CHANNEL_PATH) => `${sidecarUrl.replace(/^http/, 'ws')}${path}`;

/** The status a refused handshake answers with (0 = it opened; the socket is closed again at once). */
export async function handshakeStatus(sidecarUrl: string, headers: Record<string, string>, path?: string): Promise<number> {
  const ws = new WebSocket(channelUrl(sidecarUrl, path), { headers });
  const status = await new Promise<number>((resolve, reject) => {
    ws.once('open', () => resolve(0));
    ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? -1));
    ws.once('error', reject);
  });
  ws.terminate();
  return status;
}

export async function openChannel(sidecarUrl: string, token: string, origin = DECK_ORIGIN): Promise<ChannelClient> {
  const ws = new WebSocket(channelUrl(sidecarUrl), { headers: { authorization: `Bearer ${token}`, origin } });
  const received: SidecarMessage[] = [];
  const waiters = new Set<() => void>();
  ws.on('message', (data) => {
    received.push(sidecarMessage.parse(JSON.parse(String(data))) as SidecarMessage);
    for (const wake of waiters) wake();
  });
  await once(ws, 'open');
  let nextId = 1;

  async function until<M extends SidecarMessage>(find: () => M | undefined, what: string, timeoutMs = 30_000): Promise<M> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = find();
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`no ${what} within ${timeoutMs / 1000} s; received: ${received.map((m) => m.type).join(' ')}`);
      if (ws.readyState !== WebSocket.OPEN) throw new Error(`the channel closed before ${what}`);
      await new Promise<void>((resolve) => {
        const wake = () => { waiters.delete(wake); clearTimeout(timer); resolve(); };
        const timer = setTimeout(wake, 100);
        waiters.add(wake);
      });
    }
  }
  const replyTo = (id: number) => until(() => received.find((m): m is Reply => m.type === 'reply' && m.id === id), `reply ${id}`);

  return {
    ws,
    received,
    ask(type, body) {
      const id = nextId++;
      ws.send(JSON.stringify({ id, type, ...body }));
      return replyTo(id);
    },
    send(raw) {
      const replies = received.filter((m) => m.type === 'reply').length;
      ws.send(raw);
      return until(() => received.filter((m): m is Reply => m.type === 'reply')[replies], 'a reply');
    },
    next(type, match = () => true, timeoutMs) {
      return until(() => received.find((m): m is SidecarMessage & EventOf<typeof type> => m.type === type && match(m as EventOf<typeof type>)), type, timeoutMs);
    },
    async close() {
      if (ws.readyState === WebSocket.CLOSED) return;
      const closed = once(ws, 'close');
      ws.close();
      await closed;
    },
  };
}
