// The golden copy: each node's data folder as the build left it, cleanly stopped (lifecycle/start-state.ts decides
// when and what is left out). reset copies it back instead of rebuilding.
import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { isPairNode, PAIR_NODES } from '../../../shared/topology';
import { type NodeName } from '../../../shared/types';
import { copyDir } from './copy-dir';
import type { Layout } from './layout';
import { dataDirExists } from './lifecycle';
import type { Trash } from './trash';

/** A node beyond the pair starts from the standby's start state: a copy of the same cleanly stopped primary. */
const STANDBY_TEMPLATE: NodeName = 'postgres-standby';

/** The golden copy a node's data is made from: its own, or the standby's for a node beyond the pair. */
export function goldenSourceOf(layout: Layout, node: NodeName): string {
  return layout.goldenCopy(isPairNode(node) ? node : STANDBY_TEMPLATE);
}

/** How a node beyond the pair was made, for a restore's method. */
export const derivedMethod = (nodes: readonly NodeName[]) => `${nodes.join(', ')}: cp -a of ${STANDBY_TEMPLATE}'s golden copy`;

export function goldenIsComplete(layout: Layout): boolean {
  return PAIR_NODES.every((n) => dataDirExists(layout.goldenCopy(n)));
}

/** The node's (stopped) data folder becomes its golden copy, less the `leaveOut` paths; in place only once complete. */
export async function saveGolden(layout: Layout, trash: Trash, node: NodeName, leaveOut: readonly string[]): Promise<void> {
  await mkdir(layout.goldenDir, { recursive: true });
  const tmp = `${layout.goldenCopy(node)}.${randomBytes(3).toString('hex')}.tmp`;
  await copyDir(layout.dataDir(node), tmp);
  await Promise.all(leaveOut.map((path) => rm(join(tmp, path), { force: true })));
  await trash.moveIn(layout.goldenCopy(node));
  await rename(tmp, layout.goldenCopy(node));
}

/** Copies the golden folders of `nodes` into place, side by side (the old ones must be gone already). */
export async function restoreGolden(layout: Layout, nodes: readonly NodeName[]): Promise<void> {
  await Promise.all(nodes.map((n) => copyDir(goldenSourceOf(layout, n), layout.dataDir(n))));
}
