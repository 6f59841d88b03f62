// Whole-pair operations of the embedded backend: build from nothing, reuse what is on disk, reset from the golden
// copy, stop everything.
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { NODE_NAMES, type LinkStatus, type NodeName } from '../../../shared/types';
import { NO_LINK_FAULTS } from '../link-faults';
import { STANDBY_SIGNAL } from '../node-files';
import type { Binaries } from './binaries';
import { BUILDING_FILE, buildPair, choosePorts, prepareFolders, type PortPlan } from './build';
import type { EmbeddedContext } from './context';
import { restoreGolden, startPair } from './golden';
import type { ClusterFile, Layout } from './layout';
import { dataDirExists, killNodes, startNode, stopNode } from './lifecycle';
import type { DriverOutcome } from '../driver';
import type { RunAs } from './os-user';
import { findPostmaster, killHard, thawProcesses } from './postmaster';
import { isLive, isPostgres, procInfo, processesMentioning } from '../../system/proc';
import type { Spare } from './spare';
import type { Trash } from './trash';
import { relayFronts, type LinkControl } from './link/link-control';

export interface PairDeps {
  layout: Layout;
  trash: Trash;
  spare: Spare;
  link: LinkControl;
  /** throws CANCELLED once the driver was interrupted (Ctrl-C) */
  checkpoint?: () => void;
}

/**
 * The link relay in front of each node runs — before a standby starts, or its walreceiver retries only every 5 s —
 * with `faults` in place (default: whatever was set last).
 */
async function ensureRelay(deps: PairDeps, ctx: EmbeddedContext, faults?: LinkStatus): Promise<void> {
  if (!ctx.peerPorts) return;
  await deps.link.ensureRunning(relayFronts(ctx.ports, ctx.peerPorts), faults);
}

/** Everything from nothing: stray servers killed, old folders trashed, initdb, clone, golden copy, cluster.json. */
export async function buildFresh(
  deps: PairDeps,
  binaries: Binaries,
  basePort: number,
  runAs: RunAs | undefined,
): Promise<DriverOutcome & { file: ClusterFile }> {
  const { layout } = deps;
  await deps.link.stop();
  const plan = await choosePorts(basePort);
  const ctx: EmbeddedContext = { layout, binaries, runAs, ...plan, checkpoint: deps.checkpoint };
  await mkdir(layout.stateDir, { recursive: true });
  const building = join(layout.stateDir, BUILDING_FILE);
  await writeFile(building, `${JSON.stringify({ pid: process.pid })}\n`);
  try {
    return await buildFromNothing(deps, ctx, plan);
  } finally {
    await rm(building, { force: true });
  }
}

/** A build under way in a live process (this one or another), for status: servers without cluster.json are expected. */
export async function buildUnderWay(layout: Layout): Promise<boolean> {
  try {
    const { pid } = JSON.parse(await readFile(join(layout.stateDir, BUILDING_FILE), 'utf8')) as { pid: number };
    return isLive(await procInfo(pid));
  } catch {
    return false;
  }
}

async function buildFromNothing(deps: PairDeps, ctx: EmbeddedContext, { ports, peerPorts }: PortPlan): Promise<DriverOutcome & { file: ClusterFile }> {
  const { layout, trash, spare } = deps;
  const { binaries } = ctx;
  await killNodes(ctx, NODE_NAMES);
  await spare.discard(ctx);
  await prepareFolders(ctx);
  // the relay starts (a process of its own, ~0.5 s) while initdb runs; the standby needs it only when it starts
  const relay = ensureRelay(deps, ctx, NO_LINK_FAULTS);
  relay.catch(() => undefined);
  // whole folders: an interrupted earlier build may have left half-made copies in them
  await trash.moveIn(layout.nodesDir);
  await trash.moveIn(layout.goldenDir);
  trash.purgeInBackground();
  const method = await buildPair(ctx, trash, relay);
  spare.prepareInBackground(ctx);
  const file: ClusterFile = {
    version: 2, ports, peerPorts, binDir: binaries.binDir, binSource: binaries.source, pgVersion: binaries.version,
    created: new Date().toISOString(),
  };
  await layout.writeClusterFile(file);
  return {
    file,
    method: `${method}, then a golden copy`,
    detail: `PostgreSQL ${binaries.version} from ${binaries.source} (${binaries.binDir}); `
      + `ports ${ports['postgres-primary']}/${ports['postgres-standby']}, `
      + `link relay ${peerPorts['postgres-primary']}/${peerPorts['postgres-standby']}`,
  };
}

/** Kills whatever runs, swaps in the spare (or copies golden/ when there is none), starts the pair. */
export async function resetFromGolden(deps: PairDeps, ctx: EmbeddedContext): Promise<string> {
  const { layout, trash, spare } = deps;
  await prepareFolders(ctx);
  // a spare still being copied finishes while the old servers die; the start state has a whole link
  await Promise.all([killNodes(ctx, NODE_NAMES), spare.ready(), ensureRelay(deps, ctx, NO_LINK_FAULTS)]);
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

/** Reuse what is on disk: thaw frozen nodes, start stopped ones (primaries first). */
export async function reuse(deps: PairDeps, ctx: EmbeddedContext): Promise<DriverOutcome> {
  await prepareFolders(ctx);
  await ensureRelay(deps, ctx);
  const present = NODE_NAMES.map((n) => dataDirExists(ctx.layout.dataDir(n)));
  if (!present.every(Boolean)) {
    const method = await resetFromGolden(deps, ctx);
    return { method, detail: 'a data folder was missing, so the pair was restored from the golden copy' };
  }
  const done: string[] = [];
  // a standby started before its primary retries only every 5 s
  const isStandby = (node: NodeName) => existsSync(join(ctx.layout.dataDir(node), STANDBY_SIGNAL));
  const primariesFirst = [...NODE_NAMES].sort((a, b) => Number(isStandby(a)) - Number(isStandby(b)));
  for (const node of primariesFirst) {
    const pm = await findPostmaster(ctx.layout.dataDir(node));
    if (pm.state === 'frozen' && pm.pid !== null) {
      await thawProcesses(pm.pid);
      done.push(`thawed ${node}`);
    } else if (pm.state === 'stopped') {
      await startNode(ctx, node);
      done.push(`started ${node}`);
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
  const strays = (await processesMentioning(dataDirs)).filter(isPostgres);
  if (strays.length) {
    await killHard(null, strays.map((p) => p.pid));
    stopped.push(`${strays.length} stray server process(es) killed`);
  }
  if (await deps.link.stop()) stopped.push('the link relay');
  return stopped;
}
