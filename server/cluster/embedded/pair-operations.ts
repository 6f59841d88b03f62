// Whole-pair operations of the embedded backend: build from nothing, reuse what is on disk, reset from the golden
// copy, stop everything.
import { mkdir } from 'node:fs/promises';
import { NODE_NAMES } from '../../types';
import { applicationNameOf } from '../naming';
import { buildNodeStatuses } from '../node-status';
import { waitForStreaming } from '../sql/replication';
import type { Binaries } from './binaries';
import { buildPair, choosePorts, prepareFolders } from './build';
import { nodeOfPort, socketConnection, type EmbeddedContext } from './context';
import { restoreGolden, startPair } from './golden';
import type { ClusterFile, Layout } from './layout';
import { dataDirExists, killNodes, startNode, stopNode } from './lifecycle';
import type { OperationOutcome } from './node-operations';
import { observeNode } from './observe';
import type { RunAs } from './os-user';
import { findPostmaster, killHard, thawProcesses } from './postmaster';
import { processesMentioning } from './proc';
import type { Spare } from './spare';
import type { Trash } from './trash';

export interface PairDeps {
  layout: Layout;
  trash: Trash;
  spare: Spare;
}

/** Everything from nothing: stray servers killed, old folders trashed, initdb, clone, golden copy, cluster.json. */
export async function buildFresh(
  deps: PairDeps,
  binaries: Binaries,
  basePort: number,
  runAs: RunAs | undefined,
): Promise<OperationOutcome & { file: ClusterFile }> {
  const { layout, trash, spare } = deps;
  const ports = await choosePorts(basePort);
  const ctx: EmbeddedContext = { layout, binaries, runAs, ports };
  await mkdir(layout.stateDir, { recursive: true });
  await killNodes(ctx, NODE_NAMES);
  await spare.discard(ctx);
  // whole folders: an interrupted earlier build may have left half-made copies in them
  await trash.moveIn(layout.nodesDir);
  await trash.moveIn(layout.goldenDir);
  trash.purgeInBackground();
  const method = await buildPair(ctx, trash);
  spare.prepareInBackground(ctx);
  const file: ClusterFile = {
    version: 1, ports, binDir: binaries.binDir, binSource: binaries.source, pgVersion: binaries.version,
    created: new Date().toISOString(),
  };
  await layout.writeClusterFile(file);
  return {
    file,
    method: `initdb + ${method}, then a golden copy`,
    detail: `PostgreSQL ${binaries.version} from ${binaries.source} (${binaries.binDir}); `
      + `ports ${ports['postgres-primary']}/${ports['postgres-standby']}`,
  };
}

/** Kills whatever runs, swaps in the spare (or copies golden/ when there is none), starts the pair. */
export async function resetFromGolden(deps: PairDeps, ctx: EmbeddedContext): Promise<string> {
  const { layout, trash, spare } = deps;
  await prepareFolders(ctx);
  // a spare still being copied finishes while the old servers die
  await Promise.all([killNodes(ctx, NODE_NAMES), spare.ready()]);
  await Promise.all(NODE_NAMES.map((node) => trash.moveIn(layout.dataDir(node))));
  let method = 'golden copy: a spare copy made in the background, renamed into place';
  if (await spare.take(ctx)) {
    await startPair(ctx);
  } else {
    await restoreGolden(ctx);
    method = 'golden copy: cp -a of golden/ (no spare was ready)';
  }
  spare.prepareInBackground(ctx);
  trash.purgeInBackground();
  return method;
}

/** Reuse what is on disk: thaw frozen nodes, start stopped ones (primaries first), wait for streaming. */
export async function reuse(deps: PairDeps, ctx: EmbeddedContext): Promise<OperationOutcome> {
  await prepareFolders(ctx);
  const present = await Promise.all(NODE_NAMES.map((n) => dataDirExists(ctx.layout.dataDir(n))));
  if (!present.every(Boolean)) {
    const method = await resetFromGolden(deps, ctx);
    return { method, detail: 'a data folder was missing, so the pair was restored from the golden copy' };
  }
  const done: string[] = [];
  const observed = await Promise.all(NODE_NAMES.map((n) => observeNode(ctx, n)));
  const primariesFirst = [...observed].sort((a, b) => Number(a.files.role === 'standby') - Number(b.files.role === 'standby'));
  for (const node of primariesFirst) {
    const pm = await findPostmaster(ctx.layout.dataDir(node.name));
    if (pm.state === 'frozen' && pm.pid !== null) {
      await thawProcesses(pm.pid);
      done.push(`thawed ${node.name}`);
    } else if (pm.state === 'stopped') {
      await startNode(ctx, node.name);
      done.push(`started ${node.name}`);
    }
  }
  const statuses = buildNodeStatuses(await Promise.all(NODE_NAMES.map((n) => observeNode(ctx, n))),
    (port) => nodeOfPort(ctx, port));
  for (const standby of statuses.filter((s) => s.role === 'standby' && s.upstream)) {
    try {
      await waitForStreaming(socketConnection(ctx, standby.upstream!), standby.upstream!,
        applicationNameOf(standby.name), { timeoutMs: 10_000 });
    } catch {
      done.push(`${standby.name} does not stream from ${standby.upstream} (reset brings back a fresh pair)`);
    }
  }
  return { method: 'reattached to the data folders on disk', detail: done.join('; ') || 'both nodes were running' };
}

/** Fast shutdown of both nodes (frozen ones thawed first), then any stray server of our folders is killed. */
export async function stopAll(deps: PairDeps, ctx: EmbeddedContext | null): Promise<string[]> {
  const stopped: string[] = [];
  if (ctx) {
    await Promise.all(NODE_NAMES.map(async (node) => {
      const how = await stopNode(ctx, node, 'fast');
      if (how) stopped.push(`${node} (${how})`);
    }));
  }
  // servers whose pid file is gone, or that ran before cluster.json was written
  const dataDirs = NODE_NAMES.map((n) => deps.layout.dataDir(n));
  const strays = (await processesMentioning(dataDirs)).filter((p) => p.comm === 'postgres');
  if (strays.length) {
    await killHard(null, strays.map((p) => p.pid));
    stopped.push(`${strays.length} stray server process(es) killed`);
  }
  return stopped;
}
