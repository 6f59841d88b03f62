import type { Response } from 'express';

/**
 * What may wait in memory for a client that does not read what it is sent (a stalled tab, a slow script): past it the
 * page's channel (channel/page-channel.ts) or the events stream is cut, and the client reconnects and gets what it
 * missed (the channel's snapshot; GET /api/runs/last).
 */
export const BACKLOG_LIMIT = 4 * 1024 * 1024;

/** Opens a server-sent-events response; returns a sender. Comments every 15 s keep proxies from closing it. */
export function openSse(res: Response, backlogLimit = BACKLOG_LIMIT): { send: (event: string, data: unknown) => void; close: () => void } {
  res.status(200).set({
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-cache, no-transform',
    Connection: 'keep-alive',
    'X-Accel-Buffering': 'no',
  });
  res.flushHeaders();
  const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), 15_000);
  const close = () => {
    clearInterval(keepAlive);
    if (!res.writableEnded) res.end();
  };
  res.on('close', () => clearInterval(keepAlive));
  return {
    send(event, data) {
      if (res.writableEnded || res.destroyed) return;
      res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
      // checked after the write, not only before the next one: the last event of a burst (a run's result) may be the
      // one that passes the limit, and nothing may follow it for a long time
      if (res.writableLength > backlogLimit) res.destroy();
    },
    close,
  };
}
