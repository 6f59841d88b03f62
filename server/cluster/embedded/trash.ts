// Old data folders are renamed into trash/ (instant) and deleted in the background: deleting 100+ MB inline costs
// 0.2-2.4 s on this disk. Leftovers of an interrupted delete sit in trash/ under unique names, so they never get in
// the way; the next purge takes them too.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, rename } from 'node:fs/promises';
import { basename, join } from 'node:path';

export class Trash {
  #pending: Promise<void> = Promise.resolve();

  constructor(private readonly dir: string) {}

  /** Moves `path` out of the way; false when there was nothing to move. */
  async moveIn(path: string): Promise<boolean> {
    await mkdir(this.dir, { recursive: true });
    try {
      await rename(path, join(this.dir, `${basename(path)}.${Date.now()}.${randomBytes(3).toString('hex')}`));
      return true;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw err;
    }
  }

  /** Starts deleting everything in trash/ without waiting; the `rm` survives our exit. */
  purgeInBackground(): void {
    this.#pending = this.#pending.then(() => this.#purge());
  }

  /** Waits for the background delete (down does, so the folder is clean when it returns). */
  settle(): Promise<void> {
    return this.#pending;
  }

  async #purge(): Promise<void> {
    let entries: string[];
    try {
      entries = await readdir(this.dir);
    } catch {
      return;
    }
    if (entries.length === 0) return;
    await new Promise<void>((resolve) => {
      const rm = spawn('rm', ['-rf', '--', ...entries.map((e) => join(this.dir, e))], { detached: true, stdio: 'ignore' });
      rm.on('error', () => resolve());
      rm.on('exit', () => resolve());
      rm.unref();
    });
  }
}
