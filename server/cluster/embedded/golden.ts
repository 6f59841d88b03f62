// The golden copy: both data folders of a freshly built pair before it first runs as a pair — the primary cleanly
// stopped, the standby a copy of it with standby.signal, never started (on every start it begins at the primary's
// shutdown checkpoint and streams the rest through its slot, which the primary's copy keeps). reset copies it back
// instead of rebuilding; taking it before the pair first starts saves the build a stop-and-start of both.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { DemoError } from '../../errors';
import { CONTROL_FILE, parseControlFile } from '../control-file';
import type { NodeName } from '../../types';
import { applicationNameOf } from '../naming';
import { waitForStreaming } from '../sql/replication';
import { socketConnection, type EmbeddedContext } from './context';
import { dataDirExists, startNode, stopNode } from './lifecycle';
import { findPostmaster } from './postmaster';
import { lastLines } from './run-tool';
import type { Trash } from './trash';

const PRIMARY: NodeName = 'postgres-primary';
const STANDBY: NodeName = 'postgres-standby';

/** `cp -a`: keeps owners and modes; a plain copy, never hard links (PostgreSQL rewrites files in place). */
export function copyDir(from: string, to: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const cp = spawn('cp', ['-a', from, to], { stdio: ['ignore', 'ignore', 'pipe'] });
    let errors = '';
    cp.stderr.on('data', (d: Buffer) => (errors += d.toString()));
    cp.on('error', reject);
    cp.on('close', (code) => (code === 0 ? resolve()
      : reject(new DemoError('OPERATION_FAILED', `Copying ${from} failed.`, { detail: lastLines(errors, 5) }))));
  });
}

export async function goldenIsComplete(ctx: EmbeddedContext): Promise<boolean> {
  const found = await Promise.all([PRIMARY, STANDBY].map((n) => dataDirExists(ctx.layout.goldenCopy(n))));
  return found.every(Boolean);
}

/** Waits until the standby streams from the primary and has sent its first feedback. */
export function waitForPair(ctx: EmbeddedContext, timeoutMs = 20_000): Promise<void> {
  return waitForStreaming(socketConnection(ctx, PRIMARY), PRIMARY, applicationNameOf(STANDBY),
    { withReplay: true, timeoutMs });
}

/** Both data folders, neither running, copied to golden/ (the future WAL segments the primary keeps left out). */
export async function copyToGolden(ctx: EmbeddedContext, trash: Trash): Promise<void> {
  await mkdir(ctx.layout.goldenDir, { recursive: true });
  await Promise.all([PRIMARY, STANDBY].map(async (node) => {
    const tmp = `${ctx.layout.goldenCopy(node)}.${randomBytes(3).toString('hex')}.tmp`;
    await copyDir(ctx.layout.dataDir(node), tmp);
    // (the standby's were pruned when it was made; a base backup's WAL after its start checkpoint is needed)
    if (node === PRIMARY) await pruneFutureWal(tmp);
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

/**
 * WAL segments after the one holding the shutdown checkpoint are recycled files waiting for reuse: nothing reads
 * them, PostgreSQL recreates them when needed, and leaving them out of the golden copy makes every copy ~30% smaller.
 */
export async function pruneFutureWal(dataDir: string): Promise<void> {
  const control = parseControlFile(await readFile(join(dataDir, CONTROL_FILE)).catch(() => null));
  if (!control) return;
  const walDir = join(dataDir, 'pg_wal');
  const segments = (await readdir(walDir)).filter((f) => /^[0-9A-F]{24}$/.test(f));
  if (segments.length === 0) return;
  const segmentSize = BigInt((await stat(join(walDir, segments[0]!))).size);
  const perId = 0x100000000n / segmentSize;
  // a page of margin: the checkpoint record itself may cross into the next segment
  const checkpointSegment = (control.checkpointLsn + 8192n) / segmentSize;
  await Promise.all(segments
    .filter((f) => BigInt(`0x${f.slice(8, 16)}`) * perId + BigInt(`0x${f.slice(16, 24)}`) > checkpointSegment)
    .map((f) => unlink(join(walDir, f))));
}
