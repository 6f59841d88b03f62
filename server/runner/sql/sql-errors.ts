// Turns what pg throws into a SqlError a presenter can read out loud. PostgreSQL's own errors keep their SQLSTATE;
// failures to reach the server get one of our codes.
import { DatabaseError } from 'pg';
import type { ErrorCode } from '../../../shared/errors';
import type { NodeName, SqlError } from '../../../shared/types';

export function demoSqlError(code: ErrorCode, message: string, detail?: string): SqlError {
  return detail ? { code, message, detail } : { code, message };
}

export function seconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(1))} s`;
}

/** PostgreSQL counts characters from 1 in the statement; the deck wants a JS string index + 1 in the whole snippet. */
export function positionInScript(statement: { text: string; offset: number }, serverPosition: number): number {
  let index = 0;
  for (let chars = 1; chars < serverPosition && index < statement.text.length; chars++) {
    index += statement.text.codePointAt(index)! > 0xffff ? 2 : 1;
  }
  return statement.offset + index + 1;
}

export function fromDatabaseError(err: DatabaseError, statement?: { text: string; offset: number }): SqlError {
  const error: SqlError = { message: err.message, code: err.code ?? 'XX000' };
  if (err.detail) error.detail = err.detail;
  if (err.hint) error.hint = err.hint;
  if (err.position && statement) error.position = positionInScript(statement, Number(err.position));
  // errors inside a function body: the server's context line says where ("PL/pgSQL function … line 3 at RAISE")
  if (err.where && !error.detail) error.detail = err.where;
  return error;
}

export function isDatabaseError(err: unknown): err is DatabaseError {
  return err instanceof DatabaseError;
}

/** Why the first connection attempt failed, in the presenter's words. */
export function connectError(err: unknown, node: NodeName, timedOut: boolean, timeoutMs: number): SqlError {
  if (isDatabaseError(err)) return fromDatabaseError(err);
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  const text = err instanceof Error ? err.message : String(err);
  if (timedOut) {
    return demoSqlError('TIMEOUT', `${node} did not answer within ${seconds(timeoutMs)} (is it frozen?)`, text);
  }
  if (code === 'ECONNREFUSED' || code === 'ENOENT') {
    return demoSqlError('NODE_DOWN', `${node} is not running (connection refused)`, text);
  }
  return demoSqlError('NODE_DOWN', `Could not connect to ${node}: ${text}`);
}

export interface NoticeFields {
  severity?: string;
  message?: string;
  detail?: string;
  hint?: string;
  /** SQLSTATE */
  code?: string;
}

/**
 * The connection broke while a statement ran and nobody asked for it. A server going down says why first (class 57,
 * "operator intervention": "terminating connection due to immediate shutdown command", as a WARNING to the client):
 * that is PostgreSQL's error for the run, with the lost connection as its detail.
 */
export function lostConnectionError(err: unknown, node: NodeName, lastWords?: NoticeFields): SqlError {
  const text = err instanceof Error ? err.message : String(err);
  if (lastWords?.message && lastWords.code?.startsWith('57')) {
    return { code: lastWords.code, message: lastWords.message, detail: `then ${node} closed the connection (${text})` };
  }
  return demoSqlError('NODE_DOWN', `${node} closed the connection (did it stop or crash?)`, text);
}

/** psql's layout: "NOTICE:  relation … already exists, skipping", then DETAIL/HINT lines. */
export function formatNotice(notice: NoticeFields): string {
  let line = `${notice.severity ?? 'NOTICE'}:  ${notice.message}`;
  if (notice.detail) line += `\nDETAIL:  ${notice.detail}`;
  if (notice.hint) line += `\nHINT:  ${notice.hint}`;
  return line;
}
