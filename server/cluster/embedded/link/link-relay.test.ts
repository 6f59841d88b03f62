// The link relay alone, in front of a real TCP echo server: what passes, how late, and what a cut holds back.
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LinkRelay } from './link-relay';

let echo: Server;
let relay: LinkRelay;
let echoPort: number;
let frontPort: number;

async function freePort(): Promise<number> {
  const probe = createServer();
  probe.listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const { port } = probe.address() as { port: number };
  await new Promise((r) => probe.close(r));
  return port;
}

/** Sends `text` and resolves with the echo and how long the round trip took (ms). */
async function roundTrip(socket: Socket, text: string): Promise<{ reply: string; ms: number }> {
  const started = performance.now();
  const reply = new Promise<string>((resolve) => socket.once('data', (d: Buffer) => resolve(d.toString())));
  socket.write(text);
  return { reply: await reply, ms: performance.now() - started };
}

async function connect(): Promise<Socket> {
  const socket = createConnection({ port: frontPort, host: '127.0.0.1' });
  await once(socket, 'connect');
  return socket;
}

beforeAll(async () => {
  echo = createServer((s) => s.pipe(s));
  echo.listen(0, '127.0.0.1');
  await once(echo, 'listening');
  echoPort = (echo.address() as { port: number }).port;
  frontPort = await freePort();
  relay = new LinkRelay([{ name: 'echo', listenPort: frontPort, targetPort: echoPort }]);
  await relay.listen();
});

afterAll(async () => {
  await relay.close();
  await new Promise((r) => echo.close(r));
});

describe('the link relay', () => {
  it('forwards both ways, bytes unchanged, with no added delay by default', async () => {
    const socket = await connect();
    const { reply, ms } = await roundTrip(socket, 'hello');
    expect(reply).toBe('hello');
    expect(ms).toBeLessThan(50);
    socket.destroy();
  });

  it('adds the latency to each round trip, in order', async () => {
    relay.apply(() => ({ cut: false, latencyMs: 120 }));
    const socket = await connect();
    const first = await roundTrip(socket, 'a');
    const second = await roundTrip(socket, 'b');
    expect([first.reply, second.reply]).toEqual(['a', 'b']);
    expect(first.ms).toBeGreaterThanOrEqual(115);
    expect(second.ms).toBeGreaterThanOrEqual(115);
    relay.apply(() => ({ cut: false, latencyMs: 0 }));
    expect((await roundTrip(socket, 'c')).ms).toBeLessThan(50);
    socket.destroy();
  });

  it('a cut holds what is sent and new connections, and delivers both when the link heals', async () => {
    const before = await connect();
    relay.apply(() => ({ cut: true, latencyMs: 0 }));
    const heldReply = roundTrip(before, 'held');
    const late = createConnection({ port: frontPort, host: '127.0.0.1' });
    const lateReply = new Promise<string>((resolve) => late.once('data', (d: Buffer) => resolve(d.toString())));
    late.write('late');
    const nothing = await Promise.race([heldReply.then(() => 'arrived'), lateReply.then(() => 'arrived'),
      new Promise((r) => setTimeout(() => r('nothing'), 400))]);
    expect(nothing).toBe('nothing');
    relay.apply(() => ({ cut: false, latencyMs: 0 }));
    expect((await heldReply).reply).toBe('held');
    expect(await lateReply).toBe('late');
    before.destroy();
    late.destroy();
  });
});
