// The relay's routes: one front carries its node's links to every other node, each under its own faults, told apart
// by the application_name of the PostgreSQL startup packet (startup-packet.ts). A real TCP echo server stands behind.
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reservePorts } from '../../../system/port-reservation';
import { LinkRelay } from './link-relay';

const SSL_REQUEST = Buffer.from([0, 0, 0, 8, 0x04, 0xd2, 0x16, 0x2f]);

/** A StartupMessage (protocol 3.0) with these parameters. */
function startup(params: Record<string, string>): Buffer {
  const body = Buffer.from(`${Object.entries(params).map(([k, v]) => `${k}\0${v}\0`).join('')}\0`);
  const head = Buffer.alloc(8);
  head.writeInt32BE(8 + body.length, 0);
  head.writeInt32BE(196608, 4);
  return Buffer.concat([head, body]);
}

let echo: Server;
let relay: LinkRelay;
let frontPort: number;

async function connect(): Promise<{ socket: Socket; received: () => Buffer }> {
  const socket = createConnection({ port: frontPort, host: '127.0.0.1' });
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
  frontPort = await reservePorts(1);
  relay = new LinkRelay([{ name: 'postgres-primary', listenPort: frontPort, targetPort: (echo.address() as { port: number }).port }],
    { identify: (name) => ({ standby: 'postgres-standby', standby2: 'postgres-standby2' })[name] ?? null });
  await relay.listen();
});

afterAll(async () => {
  await relay.close();
  await new Promise((r) => echo.close(r));
});

describe('the link relay, route by route', () => {
  it('answers an SSLRequest itself and forwards the startup packet unchanged', async () => {
    const { socket, received } = await connect();
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
    relay.apply((source) => ({ cut: source === 'postgres-standby2', latencyMs: 0 }));
    const cut = await connect();
    const whole = await connect();
    const unnamed = await connect();
    cut.socket.write(startup({ application_name: 'standby2' }));
    whole.socket.write(startup({ application_name: 'standby' }));
    unnamed.socket.write(startup({ application_name: 'psql' }));
    await settle(300);
    expect(cut.received().length).toBe(0);
    expect(whole.received().length).toBeGreaterThan(0);
    expect(unnamed.received().length).toBeGreaterThan(0);
    relay.apply(() => ({ cut: false, latencyMs: 0 }));
    await settle(200);
    expect(cut.received().toString()).toContain('standby2');
    for (const c of [cut, whole, unnamed]) c.socket.destroy();
  });

  it("latency on one route delays only that route's round trips", async () => {
    relay.apply((source) => ({ cut: false, latencyMs: source === 'postgres-standby2' ? 300 : 0 }));
    const slow = await connect();
    const fast = await connect();
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
    relay.apply(() => ({ cut: false, latencyMs: 0 }));
    for (const c of [slow, fast]) c.socket.destroy();
  });
});
