// Which WAL segments of a cleanly stopped data folder lie beyond its shutdown checkpoint. Backend-neutral: it
// reasons on pg_control's bytes and the names and sizes of pg_wal's files, however a backend lists them.
import { parseControlFile } from './control-file';

/** A file of a data folder, as a driver lists it. */
export interface FileEntry {
  name: string;
  size: number;
}

const SEGMENT = /^[0-9A-F]{24}$/;

/**
 * Segments after the one holding the shutdown checkpoint are recycled files waiting for reuse: nothing reads them,
 * PostgreSQL recreates them when needed, and leaving them out of a copy makes it ~30% smaller. Names, relative to
 * pg_wal; none when pg_control cannot be read.
 */
export function futureWalSegments(controlFile: Buffer | null, walFiles: readonly FileEntry[]): string[] {
  const control = parseControlFile(controlFile);
  const segments = walFiles.filter((f) => SEGMENT.test(f.name));
  if (!control || segments.length === 0) return [];
  const segmentSize = BigInt(segments[0]!.size);
  if (segmentSize === 0n) return [];
  const perId = 0x100000000n / segmentSize;
  // a page of margin: the checkpoint record itself may cross into the next segment
  const checkpointSegment = (control.checkpointLsn + 8192n) / segmentSize;
  return segments
    .filter((f) => BigInt(`0x${f.name.slice(8, 16)}`) * perId + BigInt(`0x${f.name.slice(16, 24)}`) > checkpointSegment)
    .map((f) => f.name);
}
