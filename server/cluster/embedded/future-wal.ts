// A cleanly stopped server's WAL beyond its shutdown checkpoint, which a copy of it does not need.
import { readdir, readFile, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { CONTROL_FILE, parseControlFile } from '../control-file';

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
