// bench:speed part (b): `up` from nothing and `reset` from a dirtied pair, per backend, with each version's own
// cluster code (its server/cluster/factory.ts, imported from its clone), measured alternately so the machine's drift
// hits every version alike. The spread of a version's own samples is the noise a difference must beat.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BackendKind } from '../shared/types';
import { timed } from './support';

interface MinimalCluster {
  up(): Promise<unknown>;
  reset(): Promise<unknown>;
  freeze(node: string): Promise<unknown>;
  destroy(): Promise<unknown>;
  close(): Promise<void>;
}
type CreateCluster = (o: { backend: BackendKind; stateDir: string; basePort: number }) => MinimalCluster;

export interface LifecycleFigures {
  up: number[];
  reset: number[];
}

/** One round on one version: a build from nothing, then `resets` resets, each after freezing the standby. */
async function round(cloneDir: string, backend: BackendKind, basePort: number, resets: number, into: LifecycleFigures): Promise<void> {
  const { createCluster } = (await import(pathToFileURL(join(cloneDir, 'server/cluster/factory.ts')).href)) as { createCluster: CreateCluster };
  const stateDir = await mkdtemp(join(tmpdir(), 'pgdemo-bench-lifecycle-'));
  const cluster = createCluster({ backend, stateDir, basePort });
  try {
    into.up.push((await timed(() => cluster.up()))[0]);
    for (let i = 0; i < resets; i++) {
      await cluster.freeze('postgres-standby');
      into.reset.push((await timed(() => cluster.reset()))[0]);
    }
  } finally {
    await cluster.destroy().catch(() => undefined);
    await cluster.close();
    await rm(stateDir, { recursive: true, force: true });
  }
}

/** `rounds` rounds per version and backend, versions alternating (A B B A …); one base port per version. */
export async function measureLifecycle(cloneDirs: string[], backends: BackendKind[], basePorts: number[],
  options: { rounds: number; resets: number }): Promise<Map<BackendKind, LifecycleFigures[]>> {
  const figures = new Map(backends.map((b) => [b, cloneDirs.map(() => ({ up: [], reset: [] }) as LifecycleFigures)]));
  for (let r = 0; r < options.rounds; r++) {
    const order = cloneDirs.map((_, i) => i);
    for (const i of r % 2 === 0 ? order : order.reverse()) {
      for (const backend of backends) {
        console.log(`lifecycle round ${r + 1}: ${cloneDirs[i]} on ${backend}`);
        await round(cloneDirs[i]!, backend, basePorts[i]!, options.resets, figures.get(backend)![i]!);
      }
    }
  }
  return figures;
}
