// Small local files read on the status feed's path, four times a second while a page is open: pid files,
// /proc/<pid>/stat, the state folder's records and markers. Read synchronously: fs/promises spends a thread-pool round
// trip on each of open, fstat, read and close (about twenty a tick, the largest share of the sidecar's CPU with a page
// open, measured), where a synchronous read is a few system calls of microseconds. These files live on the local disk
// or in /proc (never a network filesystem, a pipe or a process's memory), so a read cannot stall the event loop, even
// with a node frozen.
import { readFileSync } from 'node:fs';

/** The file's text; null when it cannot be read (absent, unreadable, or its process gone). */
export function readSmallFile(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}
