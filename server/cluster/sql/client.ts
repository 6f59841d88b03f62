// Short-lived `pg` connections with hard time limits. A frozen server accepts the TCP/unix connection and then never
// answers, so every step has a deadline: connect, statement (server side) and query (client side). On any failure
// the socket is destroyed rather than politely ended, because a polite end waits for an answer that never comes.
import pg from 'pg';
import { DemoError, messageOf } from '../../../shared/errors';
import type { NodeName } from '../../../shared/types';
import type { Cluster, NodeConnection } from '../cluster';

export interface ClientLimits {
  /** connect + authenticate (default 2 s) */
  connectMs?: number;
  /** server-side statement_timeout and client-side query deadline (default 3 s) */
  statementMs?: number;
}

export const DEFAULT_CONNECT_MS = 2_000;
export const DEFAULT_STATEMENT_MS = 3_000;

function destroy(client: pg.Client): void {
  try {
    client.connection.stream.destroy();
  } catch {
    // already gone
  }
}

/**
 * A client (not yet connected) whose connect, statements and, with `lockTimeout`, lock waits are bounded by `limits`:
 * a frozen node answers with an error within them instead of hanging its caller.
 */
export function limitedClient(conn: NodeConnection, limits: ClientLimits, applicationName: string,
  options: { lockTimeout?: boolean } = {}): pg.Client {
  const statementMs = limits.statementMs ?? DEFAULT_STATEMENT_MS;
  return new pg.Client({
    ...conn,
    connectionTimeoutMillis: limits.connectMs ?? DEFAULT_CONNECT_MS,
    statement_timeout: statementMs,
    query_timeout: statementMs + 1_000,
    ...(options.lockTimeout ? { lock_timeout: statementMs } : {}),
    application_name: applicationName,
  });
}

/** Opens a client, runs `work`, always closes it. `label` names the node in error messages. */
export async function withClient<T>(
  conn: NodeConnection,
  label: string,
  work: (client: pg.Client) => Promise<T>,
  limits: ClientLimits = {},
): Promise<T> {
  const client = limitedClient(conn, limits, 'pgdemo-cluster', { lockTimeout: true });
  // an 'error' event without a listener would crash the process (e.g. the server is killed mid-query)
  client.on('error', () => destroy(client));
  try {
    await client.connect();
  } catch (err) {
    destroy(client);
    throw new DemoError('NODE_DOWN', `${label} does not accept connections.`, { detail: messageOf(err), cause: err });
  }
  let result: T;
  try {
    result = await work(client);
  } catch (err) {
    destroy(client);
    throw err;
  }
  await endPolitely(client);
  return result;
}

async function endPolitely(client: pg.Client): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<void>((resolve) => {
    timer = setTimeout(() => {
      destroy(client);
      resolve();
    }, 500);
  });
  await Promise.race([client.end().catch(() => undefined), late]);
  clearTimeout(timer);
}

/** One statement, rows as objects. */
export async function query<R extends Record<string, unknown>>(
  conn: NodeConnection,
  label: string,
  text: string,
  params: unknown[] = [],
  limits?: ClientLimits,
): Promise<R[]> {
  return withClient(conn, label, async (client) => (await client.query<R>(text, params)).rows, limits);
}

/** What a person or a check asks of a node (a count over a demo's table on a loaded machine): a minute, not a probe's 3 s. */
const QUESTION_LIMITS: ClientLimits = { connectMs: 3_000, statementMs: 60_000 };

/**
 * One statement on a node of the pair, on a fresh connection, rows as objects: what rehearse's checks, the browser
 * tests' claims and the tests ask about the data a demo left.
 */
export function sql<R extends Record<string, unknown> = Record<string, unknown>>(
  cluster: Pick<Cluster, 'connection'>,
  node: NodeName,
  text: string,
  params: unknown[] = [],
): Promise<R[]> {
  return query<R>(cluster.connection(node), node, text, params, QUESTION_LIMITS);
}
