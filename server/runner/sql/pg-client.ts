// Opening and closing pg clients so that neither can hang on a frozen server (the kernel accepts the connection,
// nobody ever answers).
import { Client } from 'pg';
import type { NodeConnection } from '../../cluster/cluster';
import { RAW_TEXT_TYPES } from './run-statement';

export interface OpenOptions {
  connection: NodeConnection;
  connectTimeoutMs: number;
  /** server-side statement_timeout, sent with the startup packet (no extra round trip) */
  statementTimeoutMs?: number;
  applicationName: string;
  signal?: AbortSignal;
}

/** `work`'s value, or 'late' after `ms` (the timer does not outlive the race). */
export async function within<T>(work: Promise<T>, ms: number): Promise<T | 'late'> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), ms)));
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}

export class ConnectFailure extends Error {
  constructor(readonly reason: 'timeout' | 'aborted' | 'error', readonly original: unknown) {
    super(original instanceof Error ? original.message : String(original));
  }
}

/** Drops the socket at once; queries still waiting on it fail with "Connection terminated". */
export function destroyClient(client: Client): void {
  (client.connection as unknown as { stream?: { destroy(): void } }).stream?.destroy();
}

export function backendPid(client: Client): number | null {
  return (client as unknown as { processID: number | null }).processID ?? null;
}

export async function openClient(options: OpenOptions): Promise<Client> {
  const { connection, connectTimeoutMs, signal } = options;
  const client = new Client({
    host: connection.host,
    port: connection.port,
    user: connection.user,
    database: connection.database,
    password: connection.password,
    application_name: options.applicationName,
    connectionTimeoutMillis: connectTimeoutMs,
    statement_timeout: options.statementTimeoutMs,
    types: RAW_TEXT_TYPES,
  });
  // an idle client whose server goes away emits 'error'; without a listener that would end the sidecar
  client.on('error', () => undefined);
  let reason: ConnectFailure['reason'] = 'error';
  const stop = (why: ConnectFailure['reason']) => {
    reason = why;
    destroyClient(client);
  };
  // pg's own connect timeout covers the whole startup; this one is a backstop in case a pg change narrows it
  const backstop = setTimeout(() => stop('timeout'), connectTimeoutMs + 250);
  const onAbort = () => stop('aborted');
  signal?.addEventListener('abort', onAbort, { once: true });
  const started = performance.now();
  try {
    if (signal?.aborted) throw new Error('cancelled before connecting');
    await client.connect();
    return client;
  } catch (err) {
    if (signal?.aborted) reason = 'aborted';
    else if (reason === 'error' && performance.now() - started >= connectTimeoutMs - 50) reason = 'timeout';
    destroyClient(client);
    throw new ConnectFailure(reason, err);
  } finally {
    clearTimeout(backstop);
    signal?.removeEventListener('abort', onAbort);
  }
}

/** A polite Terminate, but never waits more than `ms` for a server that does not answer. */
export async function closeClient(client: Client, ms = 500): Promise<void> {
  if ((await within(client.end().catch(() => undefined), ms)) === 'late') destroyClient(client);
}

/**
 * `pg_cancel_backend(pid)` from a second short-lived connection. Resolves true when the server confirmed, false when
 * it could not be reached in time (a frozen node): the caller then drops the socket.
 */
export async function cancelBackend(connection: NodeConnection, pid: number, timeoutMs: number): Promise<boolean> {
  let client: Client | undefined;
  const attempt = (async () => {
    client = await openClient({ connection, connectTimeoutMs: timeoutMs, applicationName: 'pgdemo-cancel' });
    const { rows } = await client.query({ text: 'SELECT pg_cancel_backend($1)', values: [pid], rowMode: 'array' });
    return rows[0]?.[0] === 't';
  })().catch(() => false);
  try {
    return (await within(attempt, timeoutMs)) === true;
  } finally {
    if (client) void closeClient(client, 200);
    else void attempt.then(() => client && closeClient(client, 200));
  }
}
