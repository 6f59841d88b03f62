// Runs one statement under two watches: the presenter's cancel and a client-side guard a little longer than the
// server's statement_timeout. A server-side timeout alone is not enough: a frozen server never answers, and a commit
// waiting for a synchronous standby ignores statement_timeout altogether. Both watches take the same path: ask the
// server to cancel (pg_cancel_backend from a second connection); if nothing comes back soon, drop the socket.
import type { Client } from 'pg';
import type { NodeConnection } from '../../cluster/cluster';
import { backendPid, cancelBackend, destroyClient, within } from './pg-client';
import { runStatement, type OutputBudget, type StatementResult } from './run-statement';

export const GUARD_EXTRA_MS = 1000;
export const CANCEL_WAIT_MS = 2000;

export type Interruption = 'cancel' | 'timeout';

export interface Supervised {
  results?: StatementResult[];
  error?: unknown;
  interrupted?: Interruption;
  /** the server did not answer the cancel in time: the socket was dropped and the client is unusable */
  dropped?: boolean;
}

export interface SuperviseOptions {
  client: Client;
  connection: NodeConnection;
  text: string;
  budget: OutputBudget;
  /** 0 = no guard */
  statementTimeoutMs: number;
  signal?: AbortSignal;
}

export async function superviseStatement(options: SuperviseOptions): Promise<Supervised> {
  const { client, connection, signal } = options;
  const statement: Promise<Supervised> = runStatement(client, options.text, options.budget)
    .then((results) => ({ results }), (error: unknown) => ({ error }));

  let timer: NodeJS.Timeout | undefined;
  let onAbort: (() => void) | undefined;
  const interruption = new Promise<Interruption>((resolve) => {
    if (options.statementTimeoutMs > 0) {
      timer = setTimeout(() => resolve('timeout'), options.statementTimeoutMs + GUARD_EXTRA_MS);
    }
    onAbort = () => resolve('cancel');
    if (signal?.aborted) resolve('cancel');
    else signal?.addEventListener('abort', onAbort, { once: true });
  });
  const first = await Promise.race([statement, interruption]);
  clearTimeout(timer);
  if (onAbort) signal?.removeEventListener('abort', onAbort);
  if (typeof first !== 'string') return first;

  const pid = backendPid(client);
  const answer = within(statement, CANCEL_WAIT_MS);
  if (pid !== null) void cancelBackend(connection, pid, CANCEL_WAIT_MS - 250);
  const after = await answer;
  if (after === 'late') {
    destroyClient(client);
    return { interrupted: first, dropped: true };
  }
  return { ...after, interrupted: first };
}
