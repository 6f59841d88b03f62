// Runs a psql-style SQL snippet on one node, statement by statement like `psql -f` with ON_ERROR_STOP: results in
// order, notices collected, the first error ends the run. Every failure answers within its bound, even on a frozen node.
import type { Client } from 'pg';
import type { NodeConnection } from '../../cluster/cluster';
import type { NodeName, SqlError, SqlResult, SqlRunResponse } from '../../../shared/types';
import { runMetaCommand } from './meta-commands';
import { closeClient, ConnectFailure, openClient, within, type OpenOptions } from './pg-client';
import { commandOf, type OutputBudget, type StatementResult } from './run-statement';
import { splitScript, type SqlStatement } from './split-script';
import {
  connectError, demoSqlError, formatNotice, type NoticeFields, fromDatabaseError, isDatabaseError, lostConnectionError, seconds,
} from './sql-errors';
import type { SessionPool } from './session-pool';
import { superviseStatement, type Supervised } from './supervise-statement';
import { TypeNames } from './type-names';

export interface RunSqlOptions {
  node: NodeName;
  connection: NodeConnection;
  text: string;
  connectTimeoutMs?: number;
  /** server-side statement_timeout; a client-side guard fires a second later. 0 disables both. */
  statementTimeoutMs?: number;
  /** rows kept per result */
  maxRows?: number;
  /** bytes of values kept over the whole run */
  maxBytes?: number;
  signal?: AbortSignal;
  /** warm sessions to reuse (the sidecar's); without it every run opens and closes its own */
  sessions?: SessionPool;
}

export type SqlRunOutcome = Omit<SqlRunResponse, 'runId'>;

const SYNC_REP_CANCELLED = 'canceling wait for synchronous replication';

export async function runSql(options: RunSqlOptions): Promise<SqlRunOutcome> {
  const { node, connection, signal } = options;
  const connectTimeoutMs = options.connectTimeoutMs ?? 3000;
  const statementTimeoutMs = options.statementTimeoutMs ?? 60_000;
  const started = performance.now();
  const results: SqlResult[] = [];
  const notices: string[] = [];
  const finish = (error?: SqlError): SqlRunOutcome => ({
    ok: !error,
    kind: 'sql',
    node,
    // to 0.01 ms: a one-row query takes about a millisecond, whole milliseconds would say little about it
    durationMs: Math.round((performance.now() - started) * 100) / 100,
    results,
    notices,
    ...(error ? { error } : {}),
  });

  const items = splitScript(options.text);
  const sessions = options.sessions;
  const open: OpenOptions = {
    connection, connectTimeoutMs, signal, applicationName: 'pgdemo',
    statementTimeoutMs: statementTimeoutMs > 0 ? statementTimeoutMs : undefined,
  };
  let client: Client;
  try {
    // snippets may change session state (SET, temp tables, an open transaction): a session is fresh, or made as good
    // as fresh by the pool
    client = await (sessions ? sessions.acquire(open) : openClient(open));
  } catch (err) {
    const failure = err instanceof ConnectFailure ? err : new ConnectFailure('error', err);
    if (failure.reason === 'aborted') return finish(demoSqlError('CANCELLED', `Cancelled while connecting to ${node}.`));
    return finish(connectError(failure.original, node, failure.reason === 'timeout', connectTimeoutMs));
  }
  let lastNotice: NoticeFields | undefined;
  const onNotice = (notice: NoticeFields) => {
    lastNotice = notice;
    notices.push(formatNotice(notice));
  };
  client.on('notice', onNotice);

  const typeNames = TypeNames.forClient(client);
  const budget: OutputBudget = { maxRowsPerResult: options.maxRows ?? 1000, bytesLeft: options.maxBytes ?? 1024 * 1024 };
  let timing = false;
  let dropped = false;
  try {
    for (const item of items) {
      if (item.kind === 'meta') {
        const outcome = runMetaCommand(item, timing);
        timing = outcome.timing;
        if (outcome.result) results.push(outcome.result);
        if (outcome.error) return finish(outcome.error);
        continue;
      }
      if (signal?.aborted) return finish(demoSqlError('CANCELLED', 'Cancelled; the remaining statements did not run.'));
      const noticesBefore = notices.length;
      const statementStarted = performance.now();
      const outcome = await superviseStatement({ client, connection, text: item.text, budget, statementTimeoutMs, signal });
      const durationMs = Math.round((performance.now() - statementStarted) * 1000) / 1000;
      dropped = outcome.dropped ?? false;
      if (outcome.results) {
        // a type lookup must not hang the run either: unknown names fall back to "oid N"
        await within(typeNames.resolve(outcome.results.flatMap((r) => r.fields.map((f) => f.dataTypeID))), connectTimeoutMs);
        for (const result of outcome.results) results.push(toSqlResult(result, typeNames, timing ? durationMs : undefined));
      }
      const syncWaitCancelled = notices.slice(noticesBefore).some((n) => n.includes(SYNC_REP_CANCELLED));
      const lastWords = notices.length > noticesBefore ? lastNotice : undefined;
      const error = statementError(outcome, { node, statement: item, statementTimeoutMs, syncWaitCancelled, lastWords });
      if (error) return finish(error);
    }
    return finish();
  } finally {
    client.off('notice', onNotice);
    // a dropped session is already destroyed
    if (!dropped) await (sessions ? sessions.release(client) : closeClient(client));
  }
}

function toSqlResult(result: StatementResult, typeNames: TypeNames, durationMs: number | undefined): SqlResult {
  const sqlResult: SqlResult = {
    command: commandOf(result.tag),
    rowCount: result.rowCount,
    fields: result.fields.map((f) => ({ name: f.name, type: typeNames.name(f.dataTypeID) })),
    rows: result.rows,
  };
  if (result.truncated) sqlResult.truncated = true;
  if (durationMs !== undefined) sqlResult.durationMs = durationMs;
  return sqlResult;
}

interface ErrorContext {
  node: NodeName;
  statement: SqlStatement;
  statementTimeoutMs: number;
  /** PostgreSQL warned "canceling wait for synchronous replication": the commit happened locally */
  syncWaitCancelled: boolean;
  /** the last notice the server sent during this statement (a server going down says why first) */
  lastWords?: NoticeFields;
}

/** What went wrong with one statement, told honestly; undefined when it simply succeeded. */
function statementError(outcome: Supervised, context: ErrorContext): SqlError | undefined {
  const { node, statement, statementTimeoutMs, syncWaitCancelled } = context;
  const limit = seconds(statementTimeoutMs);
  const committedLocally = 'the transaction had already committed locally but might not have reached the standby';
  switch (outcome.interrupted) {
    case undefined:
      if (outcome.results) return undefined;
      if (isDatabaseError(outcome.error)) return fromDatabaseError(outcome.error, statement);
      return lostConnectionError(outcome.error, node, context.lastWords);
    case 'cancel':
      if (outcome.dropped) {
        return demoSqlError('CANCELLED',
          `Cancelled; ${node} did not answer the cancel request (is it frozen?), so the connection was dropped.`);
      }
      if (isDatabaseError(outcome.error)) return fromDatabaseError(outcome.error, statement);
      if (outcome.results) {
        return demoSqlError('CANCELLED', syncWaitCancelled
          ? `Cancelled while the commit waited for the synchronous standby: ${committedLocally} (see the warning).`
          : 'Cancelled; the statement had just finished, nothing after it ran.');
      }
      return demoSqlError('CANCELLED', 'Cancelled.', String(outcome.error));
    case 'timeout':
      if (outcome.dropped) {
        return demoSqlError('TIMEOUT',
          `${node} did not answer within ${limit} (is it frozen?); the connection was dropped.`);
      }
      if (isDatabaseError(outcome.error) && outcome.error.code !== '57014') {
        return fromDatabaseError(outcome.error, statement);
      }
      if (outcome.results) {
        return demoSqlError('TIMEOUT', syncWaitCancelled
          ? `The commit waited more than ${limit} for the synchronous standby (statement_timeout does not end that wait), so it was cancelled: ${committedLocally}.`
          : `The statement took longer than ${limit}; it was cancelled but had finished meanwhile.`);
      }
      return demoSqlError('TIMEOUT', `The statement did not finish within ${limit} and was cancelled.`,
        outcome.error instanceof Error ? outcome.error.message : undefined);
  }
}
