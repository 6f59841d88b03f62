// Warm sessions for the sidecar's SQL runs. A fresh PostgreSQL session costs a backend start (~5 ms here), several
// times the run of a one-row SELECT, so finished sessions wait here for the next run on the same node.
//
// A reused session must behave like a fresh one, and must never be the thing that hangs:
// - handed back inside a transaction (a snippet's BEGIN without COMMIT, an error), it is rolled back at once, so it
//   holds no locks or snapshot between runs (on a standby that would delay replay);
// - handed out, it first gets DISCARD ALL (SET, temp tables, prepared statements, cursors, LISTEN, advisory locks),
//   bounded by the connect timeout: a frozen node answers with the same timeout error as a fresh connect would;
// - one that the server ended (stop, crash, promotion's restart) is noticed and replaced by a fresh session.
import type { Client } from 'pg';
import { closeClient, ConnectFailure, destroyClient, openClient, within, type OpenOptions } from './pg-client';

const MAX_IDLE_PER_KEY = 2;
const IDLE_CLOSE_MS = 30_000;
const ROLLBACK_WAIT_MS = 1000;

interface Idle {
  client: Client;
  timer: NodeJS.Timeout;
}

export class SessionPool {
  readonly #idle = new Map<string, Idle[]>();
  readonly #keyOf = new WeakMap<Client, string>();
  readonly #dead = new WeakSet<Client>();
  #closed = false;

  /** A session ready for a run: a reused one after DISCARD ALL, else a new one. Throws ConnectFailure like openClient. */
  async acquire(options: OpenOptions): Promise<Client> {
    const key = keyOf(options);
    for (let idle = this.#take(key); idle; idle = this.#take(key)) {
      const ready = await this.#discardAll(idle, options);
      if (ready) return idle;
    }
    const client = await openClient(options);
    this.#keyOf.set(client, key);
    // 'end' follows a server that closed the session and our own destroyClient alike
    client.on('end', () => this.#dead.add(client));
    return client;
  }

  /** Gives a session back after a run. Never waits: a rollback, when needed, happens in the background. */
  release(client: Client): void {
    const key = this.#keyOf.get(client);
    if (this.#closed || key === undefined || this.#dead.has(client)) {
      destroyClient(client);
      return;
    }
    if (client.getTransactionStatus() === 'I') {
      this.#park(key, client);
      return;
    }
    void within(client.query('ROLLBACK'), ROLLBACK_WAIT_MS).then(
      (answer) => (answer === 'late' ? destroyClient(client) : this.#park(key, client)),
      () => destroyClient(client),
    );
  }

  /** Ends every idle session; sessions still in a run are ended when they come back. */
  async close(): Promise<void> {
    this.#closed = true;
    const all = [...this.#idle.values()].flat();
    this.#idle.clear();
    await Promise.all(all.map(({ client, timer }) => {
      clearTimeout(timer);
      return closeClient(client);
    }));
  }

  /** idle sessions over all node addresses (for tests) */
  idleCount(): number {
    return [...this.#idle.values()].reduce((sum, list) => sum + list.length, 0);
  }

  #park(key: string, client: Client): void {
    const list = this.#idle.get(key) ?? [];
    // callers hand over only idle sessions ('I', or just rolled back); closing or death may have come meanwhile
    if (this.#closed || this.#dead.has(client) || list.length >= MAX_IDLE_PER_KEY) {
      void closeClient(client);
      return;
    }
    const timer = setTimeout(() => this.#evict(key, client), IDLE_CLOSE_MS).unref();
    list.push({ client, timer });
    this.#idle.set(key, list);
  }

  #take(key: string): Client | undefined {
    const list = this.#idle.get(key);
    let idle: Idle | undefined;
    while ((idle = list?.pop())) {
      clearTimeout(idle.timer);
      if (!this.#dead.has(idle.client)) return idle.client;
    }
    return undefined;
  }

  #evict(key: string, client: Client): void {
    const list = this.#idle.get(key) ?? [];
    const at = list.findIndex((i) => i.client === client);
    if (at >= 0) list.splice(at, 1);
    void closeClient(client);
  }

  /** true when the session answered and is clean; false when it is gone (the caller tries another). */
  async #discardAll(client: Client, options: OpenOptions): Promise<boolean> {
    let aborted = false;
    const onAbort = () => {
      aborted = true;
      destroyClient(client);
    };
    options.signal?.addEventListener('abort', onAbort, { once: true });
    try {
      const answer = await within(client.query('DISCARD ALL').then(() => 'ok' as const, (err: unknown) => err),
        options.connectTimeoutMs);
      if (answer === 'ok') return true;
      destroyClient(client);
      if (aborted) throw new ConnectFailure('aborted', new Error('cancelled before the run started'));
      // no answer in time: the node is frozen, and a fresh connect would only wait as long again
      if (answer === 'late') {
        throw new ConnectFailure('timeout', new Error(`no answer within ${options.connectTimeoutMs} ms`));
      }
      return false;
    } finally {
      options.signal?.removeEventListener('abort', onAbort);
    }
  }
}

/** Sessions are interchangeable only with the same address, user and startup settings. */
function keyOf(o: OpenOptions): string {
  const c = o.connection;
  return JSON.stringify([c.host, c.port, c.user, c.database, c.password ?? null, o.applicationName, o.statementTimeoutMs ?? null]);
}
