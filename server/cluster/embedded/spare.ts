// A spare copy of the golden pair, made in the background after each build and reset, so the next reset only has
// to rename it into place: copying ~80 MB took 0.1 s on an idle disk but 0.6-1.7 s while other work wrote to it,
// which was most of a reset. The spare is a full `cp -a` of golden/ (never hard links) and appears under its final
// name only once complete, so a copy cut short by our exit is never used (it is trashed by the next preparation).
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, rename, rmdir } from 'node:fs/promises';
import { join } from 'node:path';
import { PAIR_NODES } from '../../../shared/topology';
import type { EmbeddedContext } from './context';
import { copyDir } from './copy-dir';
import { dataDirExists } from './lifecycle';
import type { Trash } from './trash';

export class Spare {
  #pending: Promise<void> = Promise.resolve();

  constructor(private readonly trash: Trash) {}

  /**
   * Starts a fresh spare after the one in progress (its own chain: it does not wait behind trash deletion, which
   * instead waits for it); errors only mean "no spare next time".
   */
  prepareInBackground(ctx: EmbeddedContext): void {
    this.#pending = this.#pending.then(() => this.#prepare(ctx)).catch(() => undefined);
  }

  /** Discards the spare (the golden copy changed). */
  async discard(ctx: EmbeddedContext): Promise<void> {
    await this.#pending;
    await this.trash.moveIn(ctx.layout.spareDir);
  }

  /** Resolves when the spare this process is preparing (if any) is done. */
  ready(): Promise<void> {
    return this.#pending;
  }

  /**
   * Moves the spare's data folders into nodes/ (which must be free). False when there is no complete spare;
   * waits for one being prepared by this process.
   */
  async take(ctx: EmbeddedContext): Promise<boolean> {
    await this.#pending;
    const { layout } = ctx;
    const complete = PAIR_NODES.map((n) => dataDirExists(join(layout.spareDir, n)));
    if (!complete.every(Boolean)) return false;
    await Promise.all(PAIR_NODES.map((n) => rename(join(layout.spareDir, n), layout.dataDir(n))));
    await rmdir(layout.spareDir).catch(() => undefined);
    return true;
  }

  async #prepare(ctx: EmbeddedContext): Promise<void> {
    const { layout } = ctx;
    await this.#trashLeftovers(ctx);
    const tmp = `${layout.spareDir}.${randomBytes(3).toString('hex')}.tmp`;
    await mkdir(tmp);
    await Promise.all(PAIR_NODES.map((n) => copyDir(layout.goldenCopy(n), join(tmp, n))));
    await rename(tmp, layout.spareDir);
  }

  /** an incomplete spare from an interrupted run, or a complete one we are about to replace */
  async #trashLeftovers(ctx: EmbeddedContext): Promise<void> {
    const { layout } = ctx;
    await this.trash.moveIn(layout.spareDir);
    for (const entry of await readdir(layout.stateDir)) {
      if (entry.startsWith('spare.') && entry.endsWith('.tmp')) await this.trash.moveIn(join(layout.stateDir, entry));
    }
  }
}
