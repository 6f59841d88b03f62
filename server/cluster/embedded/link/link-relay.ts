// The "network" between the embedded nodes: one TCP relay on 127.0.0.1 in front of each node, through which the
// other node reaches it (primary_conninfo, pg_rewind --source-server, the shell's `host=postgres-X port=5432`).
// The sidecar's own clients bypass it, as a monitoring network would. It can cut the link or slow it down:
// - cut: like a partition where packets are dropped, not refused — nothing is forwarded either way and new
//   connections hang; PostgreSQL notices only through its own timeouts (wal_sender_timeout, wal_receiver_timeout).
//   Held data is delivered when the link heals, as TCP retransmission would.
// - latency L: every chunk waits L/2 in each direction, so each round trip gets L longer.
// Each connection's faults are those of its route: the front it entered (the node it reaches) and who it comes from,
// read from the application_name of its PostgreSQL startup packet (startup-packet.ts): so one front carries the links
// of its node to every other node, each under its own faults (shared/link-faults.ts).
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { readStartup } from './startup-packet';

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

  constructor(private readonly from: Socket, private readonly to: Socket, private readonly link: Route, first?: Buffer) {
    if (first?.length) this.#queue.push({ data: first, due: Date.now() + link.faults.latencyMs / 2 });
    from.on('data', (data: Buffer) => {
      this.#queue.push({ data, due: Date.now() + link.faults.latencyMs / 2 });
      this.pump();
    });
    from.on('end', () => this.#queue.push({ data: Buffer.alloc(0), due: Date.now() + link.faults.latencyMs / 2 }));
    // a receiver that took nothing for a while (a frozen node reads nothing) takes more again
    to.on('drain', () => this.pump());
    // a client held back before its route was known is paused: let it flow (unless the route is cut)
    this.pump();
  }

  /** Delivers what is due, unless the link is cut or the receiver takes nothing; schedules itself for the next chunk. */
  pump(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    if (this.link.faults.cut || this.to.writableNeedDrain) {
      // stop reading too, so the sender's buffers fill as they would behind a dead link or a full TCP window (else the
      // sender would see its WAL sent to a frozen standby — pg_stat_replication's sent_lsn running on — and this
      // process would hold it all)
      this.from.pause();
      return;
    }
    const now = Date.now();
    while (this.#queue.length && this.#queue[0]!.due <= now && !this.to.writableNeedDrain) {
      const { data } = this.#queue.shift()!;
      if (data.length === 0) this.to.end();
      else this.to.write(data);
    }
    // backpressure: stop reading while the receiver takes nothing, or more than a little is queued (the link is slow)
    const waiting = this.to.writableNeedDrain;
    if (waiting || this.#queue.length > 64) this.from.pause();
    else this.from.resume();
    if (this.#queue.length && !waiting) this.#timer = setTimeout(() => this.pump(), Math.max(1, this.#queue[0]!.due - now));
  }

  stop(): void {
    clearTimeout(this.#timer);
  }
}

/** What one front's connections from one source (a node, or null: one that did not say) go through. */
class Route {
  constructor(readonly source: string | null, readonly target: string) {}
  faults: LinkFaults = { cut: false, latencyMs: 0 };
  readonly pipes = new Set<Pipe>();
  /** connections accepted while the route was cut: they reach their target once it heals */
  readonly waiting = new Set<() => void>();
}

/** The faults on the way from `source` (null: a connection that did not say who it is) to the front `target`. */
export type RouteFaults = (source: string | null, target: string) => LinkFaults;

export interface RelayOptions {
  /**
   * Who is connecting, from the application_name of a PostgreSQL startup packet (null: not a node). Without it every
   * connection is from an unknown source and nothing is read before it is forwarded (any TCP protocol passes).
   */
  identify?: (applicationName: string) => string | null;
}

export class LinkRelay {
  readonly #routes = new Map<string, Route>();
  #rule: RouteFaults = () => ({ cut: false, latencyMs: 0 });
  readonly #servers: Server[] = [];
  readonly #sockets = new Set<Socket>();

  constructor(private readonly fronts: RelayFront[], private readonly options: RelayOptions = {}) {}

  /** The faults the route from `source` to the front `target` is under now. */
  faults(source: string | null, target: string): LinkFaults {
    return { ...this.#rule(source, target) };
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

  /** Puts a new rule in place: every route's faults from now on, for the data already queued too. */
  apply(rule: RouteFaults): void {
    this.#rule = rule;
    for (const route of this.#routes.values()) this.#update(route);
  }

  #route(source: string | null, target: string): Route {
    const key = JSON.stringify([source, target]);
    let route = this.#routes.get(key);
    if (!route) {
      route = new Route(source, target);
      this.#routes.set(key, route);
      this.#update(route);
    }
    return route;
  }

  #update(route: Route): void {
    const wasCut = route.faults.cut;
    route.faults = this.faults(route.source, route.target);
    for (const pipe of route.pipes) pipe.pump();
    if (wasCut && !route.faults.cut) {
      for (const connect of route.waiting) connect();
      route.waiting.clear();
    }
  }

  #accept(front: RelayFront, client: Socket): void {
    this.#track(client);
    client.setNoDelay(true);
    client.on('error', () => client.destroy());
    if (!this.options.identify) {
      this.#forward(front, client, null, Buffer.alloc(0));
      return;
    }
    let seen: Buffer = Buffer.alloc(0);
    const onData = (data: Buffer) => {
      seen = Buffer.concat([seen, data]);
      const found = readStartup(seen);
      if (found.wait) return;
      if (found.answer) client.write(found.answer);
      seen = found.rest;
      if (found.again) return onData(Buffer.alloc(0));
      client.off('data', onData);
      client.pause();
      const name = found.applicationName;
      this.#forward(front, client, name === undefined ? null : this.options.identify!(name), seen);
    };
    client.on('data', onData);
  }

  /** Sends the connection on through its route (held while that is cut), `first` ahead of whatever follows. */
  #forward(front: RelayFront, client: Socket, source: string | null, first: Buffer): void {
    const route = this.#route(source, front.name);
    const connect = () => {
      if (client.destroyed) return;
      const upstream = createConnection({ port: front.targetPort, host: '127.0.0.1' });
      this.#track(upstream);
      upstream.setNoDelay(true);
      const pipes = [new Pipe(client, upstream, route, first), new Pipe(upstream, client, route)];
      for (const pipe of pipes) route.pipes.add(pipe);
      const close = () => {
        for (const pipe of pipes) {
          pipe.stop();
          route.pipes.delete(pipe);
        }
        client.destroy();
        upstream.destroy();
      };
      client.on('close', close).on('error', close);
      upstream.on('close', close).on('error', close);
    };
    if (route.faults.cut) {
      route.waiting.add(connect);
      client.on('close', () => route.waiting.delete(connect));
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
