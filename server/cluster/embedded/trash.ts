// Old data folders are renamed into trash/ (instant) and deleted in the background: deleting 100+ MB inline costs
// 0.2-2.4 s on this disk. Leftovers of an interrupted delete sit in trash/ under unique names, so they never get in
// the way; the next purge takes them too.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, rename } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { ProblemLog } from '../problem-log';
import type { SerialQueue } from '../serial-queue';

export class Trash {
  /** `first`: work that matters more (the spare copy); a delete starts only after it, not competing for the disk */
  constructor(
    private readonly dir: string,
    private readonly background: SerialQueue,
    private readonly first: () => Promise<unknown> = async () => undefined,
    private readonly problems?: ProblemLog,
  ) {}

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

  /** Queues deleting everything in trash/ as a background job; the `rm` survives our exit. */
  purgeInBackground(): void {
    this.background.run(async () => {
      await this.first();
      await this.#purge();
    }).catch(() => undefined);
  }

  async #purge(): Promise<void> {
    let entries: string[];
    try {
      entries = await readdir(this.dir);
    } catch {
      return;
    }
    if (entries.length === 0) return;
    const failure = await new Promise<string | null>((resolve) => {
      // detached: a Ctrl-C to our process group does not cut it short. Not unref'd: close() waits for it, and an
      // unref'd child would let Node exit mid-await (exit code 13)
      const rm = spawn('rm', ['-rf', '--', ...entries.map((e) => join(this.dir, e))], { detached: true, stdio: ['ignore', 'ignore', 'pipe'] });
      let stderr = '';
      rm.stderr.setEncoding('utf8').on('data', (chunk: string) => { if (stderr.length < 2000) stderr += chunk; });
      rm.on('error', (err) => resolve(`could not start rm: ${err.message}`));
      rm.on('close', (code, signal) => resolve(code === 0 ? null
        : `${signal ? `killed by ${signal}` : `exit code ${code}`}${stderr.trim() ? `: ${stderr.trim().split('\n').slice(0, 3).join('; ')}` : ''}`));
    });
    // what it could not delete stays in trash/ (the next purge tries again); until then, status says so
    if (failure) this.problems?.report('trash', `deleting old data folders in ${this.dir} failed (${failure}); they take disk space until a later delete succeeds`);
    else this.problems?.resolve('trash');
  }
}
