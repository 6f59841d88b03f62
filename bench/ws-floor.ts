// The floor under bench (d): a bare WebSocket round trip between a Chromium page and Node on this machine — an echo
// of the same message a Run sends, no sidecar, no PostgreSQL, no Vue. A click's table cannot be in the DOM sooner than
// this plus the sidecar's own time, so (d)'s "<= 2x the sidecar's time" leaves the page, the sidecar's bookkeeping
// and the render (sidecar time - this) between them.
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { launchChromium } from './start';
import { median, ms, percentile } from './support';

const ROUNDS = Number(process.env.BENCH_CLICKS ?? 200);

export async function measureWsFloor(rounds = ROUNDS): Promise<number[]> {
  const http = createServer((_req, res) => res.end('<!doctype html><title>echo</title>'));
  const sockets = new WebSocketServer({ server: http });
  sockets.on('connection', (ws) => ws.on('message', (data) => ws.send(String(data))));
  http.listen(0, '127.0.0.1');
  await once(http, 'listening');
  const url = `127.0.0.1:${(http.address() as AddressInfo).port}`;
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    await page.goto(`http://${url}/`);
    // paced like bench (d)'s clicks: a pause of 30-47 ms between round trips
    return await page.evaluate<number[]>(`(async () => {
      const ws = new WebSocket('ws://${url}/');
      await new Promise((r) => { ws.onopen = r; });
      const out = [];
      for (let i = 0; i < ${rounds + 10}; i++) {
        const start = performance.now();
        await new Promise((r) => { ws.onmessage = r; ws.send(JSON.stringify({ id: i, run: { snippet: 'demo6/04-in-flight-transactions' } })); });
        out.push(performance.now() - start);
        await new Promise((r) => setTimeout(r, 30 + Math.random() * 17));
      }
      return out.slice(10);
    })()`);
  } finally {
    await browser.close();
    sockets.close();
    http.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const samples = await measureWsFloor();
  console.log(`bare WebSocket round trip, Chromium page ↔ Node, ${samples.length} rounds: p50 ${ms(median(samples))}  p90 ${ms(percentile(samples, 90))}`);
}
