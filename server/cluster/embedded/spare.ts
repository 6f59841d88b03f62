// A spare copy of the golden pair, made in the background after each build and reset, so the next reset only has
// to rename it into place: copying ~80 MB took 0.1 s on an idle disk but 0.6-1.7 s while other work wrote to it,
// which was most of a reset. The spare is a full `cp -a` of golden/ (never hard links) and appears under its final
// name only once complete, so a copy cut short by our exit is never used (it is trashed by the next preparation).
// It holds the nodes of the topology restored last: a third node's copy (of the standby's golden copy, as
// restoreFromGolden makes it) is beside the pair's when that topology has one, so a reset to it renames three folders.
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, rename, rmdir } from 'node:fs/promises';
import { join } from 'node:path';
import { PAIR_NODES } from '../../../shared/topology';
import type { NodeName } from '../../../shared/types';
import type { EmbeddedContext } from './context';
import { copyDir } from './copy-dir';
import { goldenSourceOf } from './golden';
import { dataDirExists } from './lifecycle';
import type { Trash } from './trash';

export class Spare {
  #pending: Promise<void> = Promise.resolve();

  constructor(private readonly trash: Trash) {}

  /**
   * Starts a fresh spare after the one in progress (its own chain: it does not wait behind trash deletion, which
   * instead waits for it); errors only mean "no spare next time".
   */
  prepareInBackground(ctx: EmbeddedContext, nodes: readonly NodeName[] = PAIR_NODES): void {
    this.#pending = this.#pending.then(() => this.#prepare(ctx, nodes)).catch(() => undefined);
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
   * Moves the spare's data folders of `nodes` into nodes/ (which must be free): the pair's, and each node beyond it
   * that the spare holds. Returns the nodes moved: none when there is no complete spare (waits for one being prepared
   * by this process).
   */
  async take(ctx: EmbeddedContext, nodes: readonly NodeName[]): Promise<NodeName[]> {
    await this.#pending;
    const { layout } = ctx;
    if (!PAIR_NODES.every((n) => dataDirExists(join(layout.spareDir, n)))) return [];
    const taken = nodes.filter((n) => dataDirExists(join(layout.spareDir, n)));
    await Promise.all(taken.map((n) => rename(join(layout.spareDir, n), layout.dataDir(n))));
    // what is left (a third node's copy, for a reset to the pair) is trashed by the next preparation
    await rmdir(layout.spareDir).catch(() => undefined);
    return taken;
  }

  async #prepare(ctx: EmbeddedContext, nodes: readonly NodeName[]): Promise<void> {
    const { layout } = ctx;
    await this.#trashLeftovers(ctx);
    const tmp = `${layout.spareDir}.${randomBytes(3).toString('hex')}.tmp`;
    await mkdir(tmp);
    const wanted = [...new Set<NodeName>([...PAIR_NODES, ...nodes])];
    await Promise.all(wanted.map((n) => copyDir(goldenSourceOf(layout, n), join(tmp, n))));
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
