// The candidate's console: one statement of their own on a node, as the console's role (console-role.ts), in a READ
// ONLY transaction that is always rolled back, under a statement timeout. One statement only: it is sent with the
// extended protocol, which takes exactly one ("cannot insert multiple commands into a prepared statement"), so
// "COMMIT; DROP …" cannot end the read-only transaction and go on.
import { z } from 'zod';
import type { ConsoleResult } from '../../shared/drills';
import { NODE_NAMES, type NodeName } from '../../shared/types';
import type { Cluster } from '../cluster/cluster';
import { withClient } from '../cluster/sql/client';
import { consoleConnection } from './console-role';

export const CONSOLE_STATEMENT_MS = 5_000;
const CONNECT_MS = 2_000;
const MAX_ROWS = 200;
const MAX_VALUE = 2_000;

export const consoleBodySchema = z.strictObject({
  node: z.enum(NODE_NAMES),
  sql: z.string().trim().min(1).max(10_000),
});

/** every value as PostgreSQL's own text, as psql shows it */
const asText = { getTypeParser: () => (value: string) => value };

export type ConsoleRequest = z.infer<typeof consoleBodySchema>;

export async function runConsole(cluster: Pick<Cluster, 'connection'>, { node, sql }: ConsoleRequest): Promise<ConsoleResult> {
  const started = performance.now();
  const finish = (part: Omit<ConsoleResult, 'node' | 'durationMs'>): ConsoleResult =>
    ({ node, durationMs: Math.round(performance.now() - started), ...part });
  // a node that is down or frozen throws NODE_DOWN from withClient: nothing ran
  return withClient(consoleConnection(cluster, node), node as NodeName, async (client) => {
    await client.query('BEGIN TRANSACTION READ ONLY');
    try {
      const result = await client.query<unknown[]>({ name: 'console', text: sql, rowMode: 'array', types: asText });
      const rows = (result.rows ?? []) as (string | null)[][];
      return finish({
        ok: true,
        fields: (result.fields ?? []).map((f) => f.name),
        rows: rows.slice(0, MAX_ROWS).map((row) => row.map((v) => (v === null ? null : String(v).slice(0, MAX_VALUE)))),
        truncated: rows.length > MAX_ROWS || rows.some((row) => row.some((v) => v !== null && String(v).length > MAX_VALUE)),
      });
    } catch (err) {
      const e = err as { code?: string; message?: string; detail?: string };
      // no SQLSTATE: the client's own deadline passed (a frozen node); the socket goes, and the transaction with it
      if (!e.code) client.connection.stream.destroy();
      const timedOut = e.code === '57014' || !e.code;
      return finish({
        ok: false, fields: [], rows: [], truncated: false,
        error: {
          code: e.code ?? 'SQL_ERROR',
          message: timedOut ? `The statement ran past the console's ${CONSOLE_STATEMENT_MS / 1000} s limit and was cancelled.` : (e.message ?? String(err)),
          ...(e.detail ? { detail: e.detail } : {}),
        },
      });
    } finally {
      // closing the session would roll back too; said here so that nothing a statement did could outlive it
      if (!client.connection.stream.destroyed) await client.query('ROLLBACK').catch(() => undefined);
    }
  }, { connectMs: CONNECT_MS, statementMs: CONSOLE_STATEMENT_MS });
}
