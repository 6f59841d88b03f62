// The build's standby: a file copy of the freshly made primary, cleanly stopped. A copy of a cleanly stopped server is
// a complete base backup (PostgreSQL docs, "File System Level Backup"); with standby.signal it starts from the
// primary's shutdown checkpoint and streams on through its slot, made before the stop. A cold start saves the base
// backup's checkpoint and streaming (~1 s here) and the primary's later stop for the golden copy, which it shares.
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { NodeName } from '../../../shared/types';
import { primaryConninfo, slotOf } from '../naming';
import { peerAddress, type EmbeddedContext } from './context';
import { copyDir } from './copy-dir';
import { pruneFutureWal } from './future-wal';
import { configureStandby } from './node-config';

export const METHOD_COLD_COPY = 'a copy of the cleanly stopped primary';

/**
 * `source` must be stopped cleanly and hold the target's slot; the target's data folder (or `targetDir`, where the
 * golden copy makes its standby) must not exist.
 */
export async function standbyFromStopped(ctx: EmbeddedContext, source: NodeName, target: NodeName,
  targetDir = ctx.layout.dataDir(target)): Promise<string> {
  await copyDir(ctx.layout.dataDir(source), targetDir);
  // the primary's slots are the primary's: a copy of its slot on the standby would keep WAL there for nobody
  const slots = join(targetDir, 'pg_replslot');
  await Promise.all((await readdir(slots)).map((slot) => rm(join(slots, slot), { recursive: true, force: true })));
  await rm(join(targetDir, 'postmaster.opts'), { force: true });
  // the segments PostgreSQL made ahead of time: the standby streams what comes after the checkpoint
  await pruneFutureWal(targetDir);
  await configureStandby(targetDir, primaryConninfo(peerAddress(ctx, source), target), slotOf(target), ctx.runAs);
  return METHOD_COLD_COPY;
}
