// The link relay alone, in front of a real TCP echo server: what passes, how late, and what a cut holds back; and its
// routes: one front carries its node's links to every other node, each under its own faults, told apart by the
// application_name of the PostgreSQL startup packet (startup-packet.ts).
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LinkRelay } from './link-relay';

let echo: Server;
let relay: LinkRelay;
let echoPort: number;
let frontPort: number;
/** a relay that tells its connections' sources apart, in front of the same echo server */
let routed: LinkRelay;
let routedPort: number;

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

const SSL_REQUEST = Buffer.from([0, 0, 0, 8, 0x04, 0xd2, 0x16, 0x2f]);

/** A StartupMessage (protocol 3.0) with these parameters. */
function startup(params: Record<string, string>): Buffer {
  const body = Buffer.from(`${Object.entries(params).map(([k, v]) => `${k}\0${v}\0`).join('')}\0`);
  const head = Buffer.alloc(8);
  head.writeInt32BE(8 + body.length, 0);
  head.writeInt32BE(196608, 4);
  return Buffer.concat([head, body]);
}

async function connectRouted(): Promise<{ socket: Socket; received: () => Buffer }> {
  const socket = createConnection({ port: routedPort, host: '127.0.0.1' });
  let got = Buffer.alloc(0);
  socket.on('data', (d: Buffer) => (got = Buffer.concat([got, d])));
  await once(socket, 'connect');
  return { socket, received: () => got };
}

const settle = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  echo = createServer((s) => s.pipe(s));
  echo.listen(0, '127.0.0.1');
  await once(echo, 'listening');
  echoPort = (echo.address() as { port: number }).port;
  frontPort = await freePort();
  relay = new LinkRelay([{ name: 'echo', listenPort: frontPort, targetPort: echoPort }]);
  await relay.listen();
  routedPort = await freePort();
  routed = new LinkRelay([{ name: 'postgres-primary', listenPort: routedPort, targetPort: echoPort }],
    { identify: (name) => ({ standby: 'postgres-standby', standby2: 'postgres-standby2' })[name] ?? null });
  await routed.listen();
});

afterAll(async () => {
  await relay.close();
  await routed.close();
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

describe('the link relay, toward a node that reads nothing (frozen)', () => {
  it('stops reading from the sender once the receiver\'s buffers are full, as TCP does, and loses nothing on thaw', async () => {
    let received = 0;
    let frozen: Socket | undefined;
    const sink = createServer((s) => {
      frozen = s;
      s.pause();
      s.on('data', (d: Buffer) => { received += d.length; });
    });
    sink.listen(0, '127.0.0.1');
    await once(sink, 'listening');
    const port = await freePort();
    const toSink = new LinkRelay([{ name: 'sink', listenPort: port, targetPort: (sink.address() as { port: number }).port }]);
    await toSink.listen();
    const sender = createConnection({ port, host: '127.0.0.1' });
    await once(sender, 'connect');
    // the sender writes as a walsender does: on until its socket takes nothing more for 500 ms, at most 256 MiB
    const chunk = Buffer.alloc(64 * 1024, 7);
    let sent = 0;
    while (sent < 256 * 1024 * 1024) {
      sent += chunk.length;
      if (sender.write(chunk)) continue;
      const drained = await Promise.race([once(sender, 'drain').then(() => true), settle(500).then(() => false)]);
      if (!drained) break;
    }
    // held in socket buffers along the way (a few MiB on loopback), not read into the relay without end
    expect(sent).toBeLessThan(64 * 1024 * 1024);
    frozen!.resume();
    while (received < sent) await settle(20);
    expect(received).toBe(sent);
    sender.destroy();
    await toSink.close();
    await new Promise((r) => sink.close(r));
  });
});

describe('the link relay, route by route', () => {
  it('answers an SSLRequest itself and forwards the startup packet unchanged', async () => {
    const { socket, received } = await connectRouted();
    socket.write(SSL_REQUEST);
    await settle(100);
    expect(received().toString()).toBe('N');
    const packet = startup({ user: 'replicator', application_name: 'standby' });
    socket.write(packet);
    await settle(100);
    expect(received().subarray(1)).toEqual(packet);
    socket.destroy();
  });

  it("a cut of one node's route holds its connection; another node's passes; heal delivers", async () => {
    routed.apply((source) => ({ cut: source === 'postgres-standby2', latencyMs: 0 }));
    const cut = await connectRouted();
    const whole = await connectRouted();
    const unnamed = await connectRouted();
    cut.socket.write(startup({ application_name: 'standby2' }));
    whole.socket.write(startup({ application_name: 'standby' }));
    unnamed.socket.write(startup({ application_name: 'psql' }));
    await settle(300);
    expect(cut.received().length).toBe(0);
    expect(whole.received().length).toBeGreaterThan(0);
    expect(unnamed.received().length).toBeGreaterThan(0);
    routed.apply(() => ({ cut: false, latencyMs: 0 }));
    await settle(200);
    expect(cut.received().toString()).toContain('standby2');
    for (const c of [cut, whole, unnamed]) c.socket.destroy();
  });

  it("latency on one route delays only that route's round trips", async () => {
    routed.apply((source) => ({ cut: false, latencyMs: source === 'postgres-standby2' ? 300 : 0 }));
    const slow = await connectRouted();
    const fast = await connectRouted();
    const started = performance.now();
    slow.socket.write(startup({ application_name: 'standby2' }));
    fast.socket.write(startup({ application_name: 'standby' }));
    const arrival = async (c: { received: () => Buffer }) => {
      while (c.received().length === 0) await settle(5);
      return performance.now() - started;
    };
    const [slowMs, fastMs] = await Promise.all([arrival(slow), arrival(fast)]);
    expect(slowMs).toBeGreaterThanOrEqual(290);
    expect(fastMs).toBeLessThan(150);
    routed.apply(() => ({ cut: false, latencyMs: 0 }));
    for (const c of [slow, fast]) c.socket.destroy();
  });
});
