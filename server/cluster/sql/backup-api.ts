// The low-level backup API (PostgreSQL 15+): how a standby is cloned when pg_basebackup is not available.
// pg_backup_start and pg_backup_stop must run in the same session, and the files are copied in between.
import type { NodeConnection } from '../cluster';
import { withClient } from './client';

export interface BackupResult {
  startLsn: string;
  /** contents for the copy's backup_label */
  backupLabel: string;
  /** contents for tablespace_map (null without tablespaces) */
  tablespaceMap: string | null;
}

export async function withBackup(
  source: NodeConnection,
  label: string,
  copyFiles: () => Promise<void>,
): Promise<BackupResult> {
  return withClient(source, label, async (client) => {
    const start = await client.query<{ lsn: string }>("SELECT pg_backup_start('pgdemo clone', true)::text AS lsn");
    await copyFiles();
    // wait_for_archive = false: there is no archive; the slot created beforehand keeps the WAL the clone needs
    const stop = await client.query<{ labelfile: string; spcmapfile: string | null }>(
      'SELECT labelfile, spcmapfile FROM pg_backup_stop(false)');
    const row = stop.rows[0]!;
    return {
      startLsn: start.rows[0]!.lsn,
      backupLabel: row.labelfile,
      tablespaceMap: row.spcmapfile ? row.spcmapfile : null,
    };
  }, { statementMs: 60_000 });
}
