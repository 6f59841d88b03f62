// A copy of the running primary that is left stopped and needs nothing from anyone to start: what pg_rewind and
// pg_basebackup without -R leave behind, for their substitutes (server/cluster/embedded/tool-substitutes/server-tools/). It has the source's
// settings, no standby.signal and no slot, and its own WAL from the backup's start, so the seed's next lines (touch
// standby.signal, append primary_conninfo, pg_ctl start) work on it exactly as on a rewound node.
import { copyFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { NodeName } from '../../../shared/types';
import { REPLICATION_USER } from '../naming';
import { cloneWithBackupApi } from './clone';
import { portOf, type EmbeddedContext } from './context';
import { giveTo } from './os-user';
import { runTool } from './run-tool';

export const METHOD_COPY_BASEBACKUP = 'pg_basebackup -X stream (no slot, no -R)';
export const METHOD_COPY_BACKUP_API =
  'pg_backup_start/pg_backup_stop + file copy, with the WAL from the backup\'s start (no pg_basebackup in these binaries)';

const WAL_SEGMENT = /^[0-9A-F]{24}$/;

/** The WAL a backup needs, copied after pg_backup_stop (which switched to a new segment): from its start segment on. */
async function copyWalSince(ctx: EmbeddedContext, source: NodeName, targetDir: string, startFile: string): Promise<void> {
  const from = join(ctx.layout.dataDir(source), 'pg_wal');
  const to = join(targetDir, 'pg_wal');
  const timeline = startFile.slice(0, 8);
  for (const name of await readdir(from)) {
    const needed = name.endsWith('.history')
      || (WAL_SEGMENT.test(name) && name.slice(0, 8) === timeline && name >= startFile);
    if (!needed) continue;
    try {
      await copyFile(join(from, name), join(to, name));
      await giveTo(ctx.runAs, join(to, name));
    } catch (err) {
      // a segment recycled while we copied was not needed
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
  }
}

/** Fills the (absent) data folder of `target` with a self-contained copy of `source`; returns the method used. */
export async function copyStopped(ctx: EmbeddedContext, source: NodeName, target: NodeName): Promise<string> {
  const targetDir = ctx.layout.dataDir(target);
  if (ctx.binaries.available.pg_basebackup) {
    await runTool(join(ctx.binaries.binDir, 'pg_basebackup'), [
      '-h', ctx.layout.runDir, '-p', String(portOf(ctx.ports, source)), '-U', REPLICATION_USER,
      '-D', targetDir, '-X', 'stream', '-c', 'fast', '--no-sync',
    ], { runAs: ctx.runAs, timeoutMs: 300_000 });
    return METHOD_COPY_BASEBACKUP;
  }
  const backup = await cloneWithBackupApi(ctx, source, targetDir);
  const startFile = /START WAL LOCATION: \S+ \(file ([0-9A-F]{24})\)/.exec(backup.backupLabel)?.[1];
  if (!startFile) throw new Error(`unexpected backup_label from ${source}:\n${backup.backupLabel}`);
  await copyWalSince(ctx, source, targetDir, startFile);
  return METHOD_COPY_BACKUP_API;
}
