// pg_hba.conf on the primary was "tightened": a reject line for replication connections comes first. The standby
// streams until its connection drops (here: its walsender ends), then it cannot reconnect, and the logs say why.
import { sql } from '../../cluster/sql/client';
import { literal } from '../../cluster/sql/replication';
import { noStandbyConnected } from '../evidence-queries';
import type { DrillContext, Fault } from '../types';
import { PRIMARY, STANDBY } from '../workload';

const REJECT = 'host    replication     all     all     reject';
const SAVED = 'hba-rejects-replication: pg_hba.conf';

export const hbaRejectsReplication: Fault = {
  name: 'hba-rejects-replication',
  title: 'pg_hba.conf on the primary rejects replication',
  cause: 'A line added at the top of the primary\'s pg_hba.conf rejects replication connections: the standby streamed '
    + 'until its connection dropped, and cannot connect again.',
  evidence: [
    {
      kind: 'log', node: STANDBY, title: "the standby's log",
      pattern: /pg_hba\.conf rejects replication connection/,
      shows: 'could not connect to the primary server: … pg_hba.conf rejects replication connection for host …, user "replicator"',
    },
    {
      kind: 'sql', node: PRIMARY, title: 'pg_hba_file_rules on the primary',
      sql: 'SELECT line_number, type, database, user_name, address, auth_method FROM pg_hba_file_rules ORDER BY line_number',
      shows: 'a reject rule for the replication database before the line that allows the standby',
      check: (rows) => rows.some((r) => r.auth_method === 'reject' && String(r.database).includes('replication')),
    },
    noStandbyConnected('no standby connected'),
  ],
  remedy: 'Remove the reject line from pg_hba.conf on the primary and reload (SELECT pg_reload_conf()); the standby '
    + 'reconnects at its next attempt.',
  hints: [
    'The standby lost its primary and cannot get it back; the primary is up.',
    'The standby\'s log says who refuses it, and why.',
    'The primary\'s pg_hba.conf: look at pg_hba_file_rules, in order.',
  ],
  touches: ['standby stream', 'pg_hba.conf'],
  showsWithinMs: 10_000,
  available: () => null,

  async inject(ctx) {
    const original = await readHba(ctx);
    ctx.saved.set(SAVED, original);
    await writeHba(ctx, `# tightened: no replication from outside\n${REJECT}\n${original}`);
    await sql(ctx.cluster, PRIMARY, 'SELECT pg_reload_conf()');
    // the standby is refused only when it connects again: its connection drops, as on a network blip
    await sql(ctx.cluster, PRIMARY, 'SELECT pg_terminate_backend(pid) FROM pg_stat_replication');
  },

  async fix(ctx) {
    const original = ctx.saved.get(SAVED);
    if (original === undefined) throw new Error('pg_hba.conf from before the drill is not known; Reset recovers the pair');
    await writeHba(ctx, original);
    await sql(ctx.cluster, PRIMARY, 'SELECT pg_reload_conf()');
  },
};

async function readHba(ctx: DrillContext): Promise<string> {
  const [row] = await sql<{ text: string }>(ctx.cluster, PRIMARY, "SELECT pg_read_file(current_setting('hba_file')) AS text");
  return row!.text;
}

/**
 * Writes the file through the server itself (COPY … TO, as its OS user), so it works the same on every backend. COPY's
 * text format writes one row per line and escapes only backslashes and control characters: tabs become spaces (the
 * same to pg_hba.conf), and a file with a backslash is refused rather than written wrong.
 */
async function writeHba(ctx: DrillContext, text: string): Promise<void> {
  if (text.includes('\\')) throw new Error('pg_hba.conf holds a backslash; this drill does not rewrite it');
  const lines = text.replace(/\n$/, '').split('\n').map((line) => literal(line.replaceAll('\t', ' ')));
  await sql(ctx.cluster, PRIMARY, `COPY (SELECT line FROM unnest(ARRAY[${lines.join(', ')}]::text[]) WITH ORDINALITY AS l(line, n) ORDER BY n)
TO ${literal(await hbaPath(ctx))}`);
}

async function hbaPath(ctx: DrillContext): Promise<string> {
  const [row] = await sql<{ path: string }>(ctx.cluster, PRIMARY, "SELECT current_setting('hba_file') AS path");
  return row!.path;
}
