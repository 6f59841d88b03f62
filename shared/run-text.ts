// How a run's result reads — a SQL result as psql prints it, a shell run's ending: the deck's result views and the
// handout's text (server/export/handout/) both say it this way. Browser-safe.
import type { Recording, RunResponse, ShellRunResponse, SqlResult } from './types';

/** Column types whose values psql aligns to the right. */
export const NUMERIC_TYPES: ReadonlySet<string> = new Set(['int2', 'int4', 'int8', 'float4', 'float8', 'numeric', 'oid', 'money', 'xid', 'xid8']);

/** psql's footer: "(1 row)", or the command tag of a statement without rows ("INSERT 0 5", "CREATE TABLE"). */
export function commandTag(result: SqlResult): string {
  const { command, rowCount, fields, rows } = result;
  const n = rowCount ?? rows.length;
  if (fields.length) return `(${n} row${n === 1 ? '' : 's'})`;
  if (command === 'INSERT') return `INSERT 0 ${rowCount ?? 0}`;
  return rowCount === null || ['CREATE', 'ALTER', 'DROP', 'SET'].some((c) => command.startsWith(c)) ? command : `${command} ${rowCount}`;
}

/** Why a shell run ended other than well ("exit code 2", "timed out"), or "" when it exited 0. */
export function shellEnding(r: ShellRunResponse): string {
  if (r.error) return `not run to the end (${r.error.code})`;
  if (r.cancelled) return 'cancelled';
  if (r.timedOut) return 'timed out';
  if (r.signal) return `killed by ${r.signal}`;
  return r.exitCode === 0 ? '' : `exit code ${r.exitCode}`;
}

/** How a run failed, in a few words ('' when it did not): drift and the safety net tell a run from its recording by it. */
export function failureOf(r: RunResponse): string {
  if (r.ok) return '';
  if (r.kind === 'sql') return r.error ? `error ${r.error.code}` : 'failed';
  return shellEnding(r) || 'failed';
}

/** "recorded 2026-11-29 · PostgreSQL 15.14 · embedded": where a recorded result comes from. */
export function recordedLabel(recording: Pick<Recording, 'recordedAt' | 'postgresVersion' | 'backend'>): string {
  return `recorded ${recording.recordedAt.slice(0, 10)} · PostgreSQL ${recording.postgresVersion} · ${recording.backend}`;
}
