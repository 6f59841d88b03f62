// The build's standby: a file copy of the freshly made primary, cleanly stopped. A copy of a cleanly stopped server is
// a complete base backup (PostgreSQL docs, "File System Level Backup"); with standby.signal (the lifecycle writes it)
// it starts from the primary's shutdown checkpoint and streams on through its slot, made before the stop. A cold start
// saves the base backup's checkpoint and streaming (~1 s here).
import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { NodeName } from '../../../shared/types';
import { CONTROL_FILE } from '../control-file';
import { futureWalSegments } from '../future-wal';
import type { EmbeddedContext } from './context';
import { copyDir, filesIn } from './copy-dir';

export const METHOD_COLD_COPY = 'a copy of the cleanly stopped primary';

/** `source` must be stopped cleanly and hold the target's slot; the target's data folder must not exist. */
export async function standbyFromStopped(ctx: EmbeddedContext, source: NodeName, target: NodeName): Promise<string> {
  const targetDir = ctx.layout.dataDir(target);
  await copyDir(ctx.layout.dataDir(source), targetDir);
  // the primary's slots are the primary's: a copy of its slot on the standby would keep WAL there for nobody
  const slots = join(targetDir, 'pg_replslot');
  await Promise.all((await readdir(slots)).map((slot) => rm(join(slots, slot), { recursive: true, force: true })));
  await rm(join(targetDir, 'postmaster.opts'), { force: true });
  // the segments PostgreSQL made ahead of time: the standby streams what comes after the checkpoint
  const walDir = join(targetDir, 'pg_wal');
  const future = futureWalSegments(await readFile(join(targetDir, CONTROL_FILE)), await filesIn(walDir));
  await Promise.all(future.map((name) => rm(join(walDir, name), { force: true })));
  return METHOD_COLD_COPY;
}
