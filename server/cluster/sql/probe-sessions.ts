// One kept session per node for the status probe. Opening a connection for every read cost each node a backend start
// four times a second (~14 ms of PostgreSQL CPU and ~4 ms of the sidecar's per read, ~4 % of two cores while a page
// watched); a kept session costs one query. Every step still has a deadline (a frozen node must never hang a read):
// a session that fails or times out is destroyed, and a kept one that died meanwhile (the node restarted) is replaced
// once before the read counts as failed, so a restart does not show as "not answering".
import pg from 'pg';
import { DemoError, messageOf } from '../../../shared/errors';
import type { NodeConnection } from '../cluster';
import { limitedClient, type ClientLimits } from './client';

interface Session {
  key: string;
  client: pg.Client;
  /** set once it failed or the server ended it: never used again */
  dead: boolean;
}

const keyOf = (conn: NodeConnection) => `${conn.host}:${conn.port}:${conn.user}:${conn.database}:${conn.password ?? ''}`;

function destroy(session: Session): void {
  session.dead = true;
  try {
    session.client.connection.stream.destroy();
  } catch {
    // already gone
  }
}

export class ProbeSessions {
  readonly #sessions = new Map<string, Session>();
  #closed = false;

  /** Runs `text` (or a named statement, prepared once per session) on `label`'s kept session (opened on first use); rows as objects. */
  async query<R extends Record<string, unknown>>(conn: NodeConnection, label: string, text: string | pg.QueryConfig, limits: ClientLimits = {}): Promise<R[]> {
    const kept = this.#sessions.get(label);
    const reused = kept !== undefined && !kept.dead && kept.key === keyOf(conn);
    try {
      return await this.#run<R>(await this.#session(conn, label, limits), text);
    } catch (err) {
      // a kept session may have been ended by a restart of the node since the last read: one fresh attempt
      if (!reused || (err instanceof DemoError && err.code === 'NODE_DOWN')) throw err;
      return this.#run<R>(await this.#session(conn, label, limits), text);
    }
  }

  async #session(conn: NodeConnection, label: string, limits: ClientLimits): Promise<Session> {
    if (this.#closed) throw new DemoError('INVALID_STATE', 'The cluster object was closed.');
    const key = keyOf(conn);
    const kept = this.#sessions.get(label);
    if (kept && !kept.dead && kept.key === key) return kept;
    if (kept) destroy(kept);
    const client = limitedClient(conn, limits, 'pgdemo-status');
    const session: Session = { key, client, dead: false };
    // the server ending an idle session (a restart, pg_terminate_backend) must not crash the process
    client.on('error', () => destroy(session));
    client.on('end', () => { session.dead = true; });
    this.#sessions.set(label, session);
    try {
      await client.connect();
    } catch (err) {
      destroy(session);
      throw new DemoError('NODE_DOWN', `${label} does not accept connections.`, { detail: messageOf(err), cause: err });
    }
    // a kept session must not keep a CLI process alive after its work
    (client.connection.stream as { unref?: () => void }).unref?.();
    if (this.#closed) destroy(session);
    return session;
  }

  async #run<R extends Record<string, unknown>>(session: Session, text: string | pg.QueryConfig): Promise<R[]> {
    try {
      return (await session.client.query<R>(text)).rows;
    } catch (err) {
      destroy(session);
      throw err;
    }
  }

  /** Ends every kept session (cluster.close()). */
  close(): void {
    this.#closed = true;
    for (const session of this.#sessions.values()) {
      session.dead = true;
      session.client.end().catch(() => undefined);
      setTimeout(() => destroy(session), 500).unref();
    }
    this.#sessions.clear();
  }
}
