// Sessions a drill keeps open on a node — the report query that never ends, the application that keeps writing — as
// a real client would. They are the fault's own: its fix ends them on the server, and the drill's end ends the rest.
import pg from 'pg';
import type { NodeName } from '../../shared/types';
import type { Cluster } from '../cluster/cluster';
import { query } from '../cluster/sql/client';

interface Held {
  node: NodeName;
  applicationName: string;
  client: pg.Client;
}

const CONNECT_MS = 3_000;

export class HeldSessions {
  readonly #held: Held[] = [];

  constructor(private readonly cluster: Pick<Cluster, 'connection'>) {}

  /**
   * Opens a session named `applicationName` on `node` and sends `text`, which is meant to run until ended (a sleep,
   * a loop): it is not awaited, and how it ends (terminated by the fix, or the server stopped) is expected.
   */
  async start(node: NodeName, applicationName: string, text: string): Promise<void> {
    const client = new pg.Client({
      ...this.cluster.connection(node), application_name: applicationName, connectionTimeoutMillis: CONNECT_MS,
    });
    // a terminated backend or a stopped server ends the session: that is its expected end, not a crash
    client.on('error', () => undefined);
    await client.connect();
    this.#held.push({ node, applicationName, client });
    client.query(text).catch(() => undefined);
  }

  /** Ends the sessions named `applicationName` on the server (pg_terminate_backend), and drops their sockets. */
  async end(applicationName: string): Promise<void> {
    const mine = this.#held.filter((h) => h.applicationName === applicationName);
    await Promise.all(mine.map((h) => this.#terminate(h)));
    for (const h of mine) this.#held.splice(this.#held.indexOf(h), 1);
  }

  /** Ends every session still held (the drill is over); a node that is down or frozen is not waited for. */
  async endAll(): Promise<void> {
    const all = this.#held.splice(0);
    await Promise.all(all.map((h) => this.#terminate(h)));
  }

  async #terminate(held: Held): Promise<void> {
    // pg's documented key data: the backend's pid, as pg_stat_activity shows it
    const pid = (held.client as pg.Client & { processID?: number }).processID;
    if (pid) {
      // a backend in pg_sleep or waiting for a sync standby would not notice its socket closing
      await query(this.cluster.connection(held.node), held.node, 'SELECT pg_terminate_backend($1)', [pid],
        { connectMs: 2_000, statementMs: 2_000 }).catch(() => undefined);
    }
    held.client.connection.stream.destroy();
  }
}
