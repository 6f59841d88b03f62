// The golden copy: both data folders of a freshly built pair before it first runs as a pair — the primary cleanly
// stopped, the standby a copy of it with standby.signal, never started (on every start it begins at the primary's
// shutdown checkpoint and streams the rest through its slot, which the primary's copy keeps). reset copies it back
// instead of rebuilding; taking it before the pair first starts saves the build a stop-and-start of both.
import { randomBytes } from 'node:crypto';
import { mkdir, rename } from 'node:fs/promises';
import type { NodeName } from '../../../shared/types';
import { applicationNameOf } from '../naming';
import { waitForStreaming } from '../sql/replication';
import { socketConnection, type EmbeddedContext } from './context';
import { copyDir } from './copy-dir';
import { pruneFutureWal } from './future-wal';
import { standbyFromStopped } from './standby-from-stopped';
import { dataDirExists, startNode, stopNode } from './lifecycle';
import { findPostmaster } from './postmaster';
import type { Trash } from './trash';

const PRIMARY: NodeName = 'postgres-primary';
const STANDBY: NodeName = 'postgres-standby';

export function goldenIsComplete(ctx: EmbeddedContext): boolean {
  const found = [PRIMARY, STANDBY].map((n) => dataDirExists(ctx.layout.goldenCopy(n)));
  return found.every(Boolean);
}

/** Waits until the standby streams from the primary and has sent its first feedback. */
export function waitForPair(ctx: EmbeddedContext, timeoutMs = 20_000): Promise<void> {
  return waitForStreaming(socketConnection(ctx, PRIMARY), PRIMARY, applicationNameOf(STANDBY),
    { withReplay: true, timeoutMs });
}

/**
 * The golden copy, made from the cleanly stopped primary alone: its copy (the future WAL segments it keeps left out),
 * and a standby made from it as the pair's own standby is — so both can be made while that standby is (three copies at
 * once take about the time of one here: creating files waits on the disk, not on the CPU).
 */
export async function copyToGolden(ctx: EmbeddedContext, trash: Trash): Promise<void> {
  await mkdir(ctx.layout.goldenDir, { recursive: true });
  const source = ctx.layout.dataDir(PRIMARY);
  await Promise.all([PRIMARY, STANDBY].map(async (node) => {
    const tmp = `${ctx.layout.goldenCopy(node)}.${randomBytes(3).toString('hex')}.tmp`;
    if (node === PRIMARY) {
      await copyDir(source, tmp);
      await pruneFutureWal(tmp);
    } else {
      await standbyFromStopped(ctx, PRIMARY, STANDBY, tmp);
    }
    await trash.moveIn(ctx.layout.goldenCopy(node));
    await rename(tmp, ctx.layout.goldenCopy(node));
  }));
}

/**
 * Copies the golden folders into place (the old ones must be gone already) and starts the pair. The primary starts
 * as soon as its copy is done, while the standby's copy may still run.
 */
export async function restoreGolden(ctx: EmbeddedContext): Promise<void> {
  const primaryCopied = copyDir(ctx.layout.goldenCopy(PRIMARY), ctx.layout.dataDir(PRIMARY));
  const standbyCopied = copyDir(ctx.layout.goldenCopy(STANDBY), ctx.layout.dataDir(STANDBY));
  standbyCopied.catch(() => undefined);
  await primaryCopied;
  await startNode(ctx, PRIMARY);
  await standbyCopied;
  await startPair(ctx);
}

/**
 * Starts what is not running yet, primary first, and waits for streaming. The standby starts only once the primary
 * accepts connections, because a walreceiver that finds no primary retries only after 5 s.
 */
export async function startPair(ctx: EmbeddedContext): Promise<void> {
  for (const node of [PRIMARY, STANDBY]) {
    if ((await findPostmaster(ctx.layout.dataDir(node))).state === 'stopped') await startNode(ctx, node);
  }
  await waitForPair(ctx);
}
