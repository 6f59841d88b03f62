// The "network" between the embedded nodes: one TCP relay on 127.0.0.1 in front of each node, through which the
// other node reaches it (primary_conninfo, pg_rewind --source-server, the shell's `host=postgres-X port=5432`).
// The sidecar's own clients bypass it, as a monitoring network would. It can cut the link or slow it down:
// - cut: like a partition where packets are dropped, not refused — nothing is forwarded either way and new
//   connections hang; PostgreSQL notices only through its own timeouts (wal_sender_timeout, wal_receiver_timeout).
//   Held data is delivered when the link heals, as TCP retransmission would.
// - latency L: every chunk waits L/2 in each direction, so each round trip gets L longer.
import { createConnection, createServer, type Server, type Socket } from 'node:net';

export interface RelayFront {
  /** the node this front stands for (for messages) */
  name: string;
  listenPort: number;
  targetPort: number;
}

export interface LinkFaults {
  cut: boolean;
  latencyMs: number;
}

/** One direction of one connection: chunks in order, each released after the current one-way delay. */
class Pipe {
  readonly #queue: { data: Buffer; due: number }[] = [];
  #timer: NodeJS.Timeout | undefined;

  constructor(private readonly from: Socket, private readonly to: Socket, private readonly link: Link) {
    from.on('data', (data: Buffer) => {
      this.#queue.push({ data, due: Date.now() + link.faults.latencyMs / 2 });
      this.pump();
    });
    from.on('end', () => this.#queue.push({ data: Buffer.alloc(0), due: Date.now() + link.faults.latencyMs / 2 }));
  }

  /** Delivers what is due, unless the link is cut; schedules itself for the next chunk. */
  pump(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    if (this.link.faults.cut) {
      // stop reading too, so the sender's buffers fill as they would behind a dead link
      this.from.pause();
      return;
    }
    const now = Date.now();
    while (this.#queue.length && this.#queue[0]!.due <= now) {
      const { data } = this.#queue.shift()!;
      if (data.length === 0) this.to.end();
      else this.to.write(data);
    }
    // backpressure: stop reading while more than a little is queued (the link is slow), as a full TCP window would
    if (this.#queue.length > 64) this.from.pause();
    else this.from.resume();
    if (this.#queue.length) this.#timer = setTimeout(() => this.pump(), Math.max(1, this.#queue[0]!.due - now));
  }

  stop(): void {
    clearTimeout(this.#timer);
  }
}

class Link {
  faults: LinkFaults = { cut: false, latencyMs: 0 };
  readonly pipes = new Set<Pipe>();
  /** connections accepted while the link was cut: they reach their target once it heals */
  readonly waiting = new Set<() => void>();
}

export class LinkRelay {
  readonly #link = new Link();
  readonly #servers: Server[] = [];
  readonly #sockets = new Set<Socket>();

  constructor(private readonly fronts: RelayFront[]) {}

  get faults(): LinkFaults {
    return { ...this.#link.faults };
  }

  async listen(): Promise<void> {
    for (const front of this.fronts) {
      const server = createServer((client) => this.#accept(front, client));
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen({ port: front.listenPort, host: '127.0.0.1', exclusive: true }, () => resolve());
      });
      this.#servers.push(server);
    }
  }

  apply(faults: LinkFaults): void {
    const healed = this.#link.faults.cut && !faults.cut;
    this.#link.faults = { ...faults };
    for (const pipe of this.#link.pipes) pipe.pump();
    if (healed) {
      for (const connect of this.#link.waiting) connect();
      this.#link.waiting.clear();
    }
  }

  #accept(front: RelayFront, client: Socket): void {
    this.#track(client);
    client.setNoDelay(true);
    const connect = () => {
      if (client.destroyed) return;
      const upstream = createConnection({ port: front.targetPort, host: '127.0.0.1' });
      this.#track(upstream);
      upstream.setNoDelay(true);
      const pipes = [new Pipe(client, upstream, this.#link), new Pipe(upstream, client, this.#link)];
      for (const pipe of pipes) this.#link.pipes.add(pipe);
      const close = () => {
        for (const pipe of pipes) {
          pipe.stop();
          this.#link.pipes.delete(pipe);
        }
        client.destroy();
        upstream.destroy();
      };
      client.on('close', close).on('error', close);
      upstream.on('close', close).on('error', close);
    };
    if (this.#link.faults.cut) {
      this.#link.waiting.add(connect);
      client.on('close', () => this.#link.waiting.delete(connect)).on('error', () => undefined);
    } else {
      connect();
    }
  }

  #track(socket: Socket): void {
    this.#sockets.add(socket);
    socket.on('close', () => this.#sockets.delete(socket));
  }

  async close(): Promise<void> {
    for (const socket of this.#sockets) socket.destroy();
    await Promise.all(this.#servers.map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
  }
}
