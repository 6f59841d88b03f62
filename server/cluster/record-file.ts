// A record in the state folder, read again only when the file changed. The embedded cluster's ports live in
// cluster.json, and the status feed asks for them at every read (four a second), every Run once: opening, reading and
// parsing the file took ~0.1 ms a time on these machines, a stat ~0.02 ms. Every writer renames a new file over the old
// one (write-then-rename), so a change always shows in the inode, size or times; another process's `up` or `reset` is
// seen at the next read, as before.
import { statSync, type Stats } from 'node:fs';
import { readRecordSync } from './records';

const identity = (s: Stats) => `${s.ino}:${s.size}:${s.mtimeMs}:${s.ctimeMs}`;

export class RecordFile<T extends object> {
  #identity: string | undefined;
  #value: T | null = null;

  constructor(readonly path: string, private readonly parse: (text: string) => T, private readonly recovery: string) {}

  /** The record (frozen: it is shared by every caller until the file changes); null when absent; INVALID_STATE when unreadable. */
  readSync(): T | null {
    let stats: Stats;
    try {
      stats = statSync(this.path);
    } catch {
      // absent, or not readable: the read says which, with the record's own messages
      return this.#keep(undefined, readRecordSync(this.path, this.parse, this.recovery));
    }
    const key = identity(stats);
    if (key === this.#identity) return this.#value;
    return this.#keep(key, readRecordSync(this.path, this.parse, this.recovery));
  }

  /** The same for async callers: read synchronously too (a stat, and a small local file when it changed; see small-file.ts). */
  async read(): Promise<T | null> {
    return this.readSync();
  }

  /**
   * Kept under the identity stat saw before reading: a file replaced between the two is read again next time, never
   * missed.
   */
  #keep(key: string | undefined, value: T | null): T | null {
    this.#identity = value ? key : undefined;
    this.#value = value && deepFreeze(value);
    return this.#value;
  }
}

function deepFreeze<T extends object>(value: T): T {
  for (const inner of Object.values(value)) if (inner && typeof inner === 'object') deepFreeze(inner as object);
  return Object.freeze(value);
}
