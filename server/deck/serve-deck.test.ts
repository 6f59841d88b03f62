// The built deck's server: SPA routes, and /api — the page's channel (a WebSocket) included — proxied to whatever
// sidecar.json names, with the token added there. The upstream here is a small recording HTTP and WebSocket server;
// the real sidecar path is covered by the browser e2e (sidecar-killed.e2e.ts runs `serve:deck`).
import { once } from 'node:events';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, request, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { http } from '../system/http';
import { handshakeStatus } from '../testing/channel-client';
import { refuseUpgrade } from '../system/refuse-upgrade';
import { writeSidecarFile } from '../sidecar/sidecar-file';
import { apiProxyMiddleware, sidecarFromStateDir } from './api-proxy';
import { apiUpgradeProxy } from './api-upgrade';
import { serveDeck, type RunningDeck } from './serve-deck';

interface Seen { method?: string; url?: string; headers: IncomingHttpHeaders; body: string; closed: Promise<void> }

async function recordingUpstream(name: string): Promise<{ server: Server; url: string; seen: Seen[]; channels: Set<WebSocket> }> {
  const seen: Seen[] = [];
  const channels = new Set<WebSocket>();
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c));
    const closed = new Promise<void>((resolve) => res.on('close', () => resolve()));
    req.on('end', () => {
      seen.push({ method: req.method, url: req.url, headers: req.headers, body, closed });
      if (req.url === '/api/events') {
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        res.write('event: status\ndata: {"n":1}\n\n');
        setTimeout(() => res.write('event: status\ndata: {"n":2}\n\n'), 400);
        return;
      }
      res.writeHead(req.url === '/api/missing' ? 404 : 200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(req.url === '/api/missing' ? { code: 'NOT_FOUND', message: 'no' } : { from: name, body }));
    });
  });
  // a channel: its handshake recorded, refused on /api/refused as the sidecar refuses one, else each message echoed
  const sockets = new WebSocketServer({ noServer: true });
  server.on('upgrade', (req, socket, head) => {
    const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
    seen.push({ method: 'UPGRADE', url: req.url, headers: req.headers, body: '', closed });
    if (req.url === '/api/refused') {
      refuseUpgrade(socket, 401, { code: 'UNAUTHORIZED', message: 'no token' });
      return;
    }
    sockets.handleUpgrade(req, socket, head, (ws) => {
      channels.add(ws);
      ws.on('message', (data) => ws.send(`${name}: ${String(data)}`));
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen, channels };
}

let stateDir: string;
let deck: RunningDeck;
let first: Awaited<ReturnType<typeof recordingUpstream>>;
let second: Awaited<ReturnType<typeof recordingUpstream>>;

beforeAll(async () => {
  stateDir = await mkdtemp(join(tmpdir(), 'pgdemo-deck-'));
  await writeFile(join(stateDir, 'index.html'), '<!doctype html><title>deck</title>');
  first = await recordingUpstream('first');
  second = await recordingUpstream('second');
  const sidecar = sidecarFromStateDir(stateDir);
  deck = await serveDeck({ distDir: stateDir, api: apiProxyMiddleware(sidecar), upgrade: apiUpgradeProxy(sidecar) });
});

afterAll(async () => {
  await deck?.close();
  for (const u of [first, second]) {
    u?.server.closeAllConnections();
    u?.server.close();
  }
  await rm(stateDir, { recursive: true, force: true });
});

describe('the built deck server', () => {
  it('answers 503 with a clear message while no sidecar.json exists, to a request and to the channel\'s handshake', async () => {
    const answer = await http(`${deck.url}/api/cluster`);
    expect(answer.status).toBe(503);
    expect(answer.json()).toMatchObject({ code: 'NO_SIDECAR' });
    expect(await handshakeStatus(deck.url, {})).toBe(503);
  });

  it('adds the token, keeps Host and Origin, drops the browser\'s own credentials, relays status and body', async () => {
    await writeSidecarFile(stateDir, { url: first.url, token: 'tok-1' });
    const host = new URL(deck.url).host;
    const answer = await http(`${deck.url}/api/run`, {
      body: { snippet: 'demo1/01' },
      headers: { origin: deck.url, cookie: 'a=b', authorization: 'Bearer from-page' },
    });
    expect(answer.status).toBe(200);
    expect(answer.json()).toEqual({ from: 'first', body: '{"snippet":"demo1/01"}' });
    const seen = first.seen.at(-1)!;
    expect(seen).toMatchObject({ method: 'POST', url: '/api/run' });
    expect(seen.headers).toMatchObject({ authorization: 'Bearer tok-1', host, origin: deck.url });
    expect(seen.headers.cookie).toBeUndefined();
    const notFound = await http(`${deck.url}/api/missing`);
    expect([notFound.status, notFound.json()]).toEqual([404, { code: 'NOT_FOUND', message: 'no' }]);
  });

  it('follows a restarted sidecar (new sidecar.json) without a restart of its own', async () => {
    await writeSidecarFile(stateDir, { url: second.url, token: 'tok-2' });
    const answer = await http(`${deck.url}/api/cluster`);
    expect(answer.json()).toMatchObject({ from: 'second' });
    expect(second.seen.at(-1)!.headers.authorization).toBe('Bearer tok-2');
  });

  it('streams server-sent events (a script\'s events stream) as they come and closes the upstream when the caller leaves', async () => {
    await writeSidecarFile(stateDir, { url: first.url, token: 'tok-1' });
    const started = Date.now();
    const arrivals: number[] = [];
    const req = request(`${deck.url}/api/events`);
    req.end();
    const [res] = (await once(req, 'response')) as [import('node:http').IncomingMessage];
    expect(res.headers['content-type']).toBe('text/event-stream');
    await new Promise<void>((resolve) => {
      res.on('data', (chunk: Buffer) => {
        for (const _ of chunk.toString().matchAll(/event: status/g)) arrivals.push(Date.now() - started);
        if (arrivals.length >= 2) resolve();
      });
    });
    // the first event arrived well before the upstream wrote the second one (400 ms later): nothing was buffered
    expect(arrivals[1]! - arrivals[0]!).toBeGreaterThan(250);
    req.destroy();
    await first.seen.find((s) => s.url === '/api/events')!.closed;
  });

  it('ends an events stream when the sidecar dies in the middle of it', async () => {
    await writeSidecarFile(stateDir, { url: second.url, token: 'tok-2' });
    const req = request(`${deck.url}/api/events`);
    req.end();
    const [res] = (await once(req, 'response')) as [import('node:http').IncomingMessage];
    res.resume();
    const ended = new Promise<boolean>((resolve) => res.on('close', () => resolve(res.complete)));
    second.server.closeAllConnections(); // as a kill -9 of the sidecar: its sockets reset mid-stream
    expect(await ended).toBe(false); // closed, not completed: the reader sees an error, not a clean end
  });

  it('carries the page\'s channel: the token added, Host and Origin kept, the cookie dropped, messages both ways', async () => {
    await writeSidecarFile(stateDir, { url: first.url, token: 'tok-1' });
    const page = new WebSocket(`${deck.url.replace('http', 'ws')}/api/channel`, { headers: { origin: deck.url, cookie: 'a=b', authorization: 'Bearer from-page' } });
    await once(page, 'open');
    const seen = first.seen.at(-1)!;
    expect(seen).toMatchObject({ method: 'UPGRADE', url: '/api/channel' });
    expect(seen.headers).toMatchObject({ authorization: 'Bearer tok-1', host: new URL(deck.url).host, origin: deck.url });
    expect(seen.headers.cookie).toBeUndefined();
    page.send('hello');
    expect(String((await once(page, 'message'))[0])).toBe('first: hello');
    page.send('y'.repeat(200_000)); // a large message, in several reads either way
    expect(String((await once(page, 'message'))[0])).toHaveLength('first: '.length + 200_000);
    page.close();
    await seen.closed; // the page left: so does the proxy's connection to the sidecar
  });

  it('passes the sidecar\'s refusal of a handshake on, status and all', async () => {
    expect(await handshakeStatus(deck.url, {}, '/api/refused')).toBe(401);
    await expect(handshakeStatus(deck.url, {}, '/not-api')).rejects.toThrow(/socket hang up/); // not /api: not ours to pass on
  });

  it('closes the page\'s channel when the sidecar dies in the middle of it', async () => {
    await writeSidecarFile(stateDir, { url: second.url, token: 'tok-2' });
    const page = new WebSocket(`${deck.url.replace('http', 'ws')}/api/channel`);
    await once(page, 'open');
    const closed = once(page, 'close');
    for (const channel of second.channels) channel.terminate(); // as a kill -9 of the sidecar
    await closed; // the page reconnects, and gets a fresh snapshot
  });

  it('says so when sidecar.json names a sidecar that is gone', async () => {
    const gone = createServer();
    gone.listen(0, '127.0.0.1');
    await once(gone, 'listening');
    const url = `http://127.0.0.1:${(gone.address() as AddressInfo).port}`;
    gone.close();
    await writeSidecarFile(stateDir, { url, token: 'tok-3' });
    const answer = await http(`${deck.url}/api/cluster`);
    expect(answer.status).toBe(502);
    expect(answer.json<{ message: string }>().message).toContain(url);
    expect(await handshakeStatus(deck.url, {})).toBe(502);
  });

  it('serves the exported PDFs under /exports/ (the download button\'s), and a missing one is a 404, not the app', async () => {
    const exportsDir = join(stateDir, 'exports');
    await mkdir(exportsDir);
    await writeFile(join(exportsDir, 'slides.pdf'), '%PDF-1.4\n');
    const withExports = await serveDeck({ distDir: stateDir, exportsDir, api: apiProxyMiddleware(sidecarFromStateDir(stateDir)) });
    try {
      const pdf = await http(`${withExports.url}/exports/slides.pdf`);
      expect([pdf.status, pdf.headers['content-type'], pdf.body]).toEqual([200, 'application/pdf', '%PDF-1.4\n']);
      expect((await http(`${withExports.url}/exports/notes.pdf`)).status).toBe(404);
    } finally {
      await withExports.close();
    }
  });

  it('lets the browser keep the hashed assets for good, revalidates the app, and 404s a missing asset', async () => {
    await mkdir(join(stateDir, 'assets'), { recursive: true });
    await writeFile(join(stateDir, 'assets', 'index-AbC123.js'), 'export {}');
    const asset = await http(`${deck.url}/assets/index-AbC123.js`);
    expect([asset.status, asset.body]).toEqual([200, 'export {}']);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const app = await http(`${deck.url}/`);
    expect(app.headers['cache-control']).toBe('public, max-age=0');
    const missing = await http(`${deck.url}/assets/gone-XyZ.js`);
    expect(missing.status).toBe(404);
    expect(missing.body).not.toContain('<title>deck</title>');
  });

  it('answers a missing file with a 404 and says nothing in the terminal (the page asks for the PDF on every load)', async () => {
    // Express's own last handler prints every error outside NODE_ENV=test, which vitest sets: the presenter's setting
    const env = process.env.NODE_ENV;
    delete process.env.NODE_ENV;
    const printed = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const presenters = await serveDeck({ distDir: stateDir, exportsDir: join(stateDir, 'no-exports'),
      api: apiProxyMiddleware(sidecarFromStateDir(stateDir)) }).finally(() => (process.env.NODE_ENV = env));
    try {
      const pdf = await http(`${presenters.url}/exports/slides.pdf`, { method: 'HEAD' });
      const asset = await http(`${presenters.url}/assets/gone-XyZ.js`);
      expect([pdf.status, asset.status, asset.body]).toEqual([404, 404, 'Not found']);
      expect(printed).not.toHaveBeenCalled();
    } finally {
      printed.mockRestore();
      await presenters.close();
    }
  });

  it('serves the single-page app for every slide URL', async () => {
    for (const path of ['/', '/12', '/presenter/3']) {
      const answer = await http(`${deck.url}${path}`);
      expect([path, answer.status, answer.body]).toEqual([path, 200, '<!doctype html><title>deck</title>']);
    }
  });
});
