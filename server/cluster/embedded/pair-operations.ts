// Whole-pair primitives of the embedded backend: make a pair from nothing, put the golden copy back, stop everything.
// What they are used for, in which order, is the lifecycle's (server/cluster/lifecycle/).
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isPairNode, PAIR_NODES } from '../../../shared/topology';
import { NODE_NAMES, type LinkStatus, type NodeName } from '../../../shared/types';
import { NO_LINK_FAULTS } from '../link-faults';
import type { Binaries } from './binaries';
import { BUILDING_FILE, choosePorts, makePair, prepareFolders } from './build';
import { nodesWithPorts, portOf, type EmbeddedContext } from './context';
import { derivedMethod, restoreGolden } from './golden';
import type { ClusterFile, Layout } from './layout';
import { killNodes, stopNode } from './lifecycle';
import type { DriverOutcome } from '../driver';
import type { RunAs } from './os-user';
import { killHard } from './postmaster';
import { isLive, isPostgres, procInfo, processesMentioning } from '../../system/proc';
import type { Spare } from './spare';
import type { Trash } from './trash';
import { relayFronts, type LinkControl } from './link/link-control';

export interface PairDeps {
  layout: Layout;
  trash: Trash;
  spare: Spare;
  link: LinkControl;
}

/**
 * The link relay in front of each node runs — before a standby starts, or its walreceiver retries only every 5 s —
 * with `faults` in place (default: whatever was set last, left as it is when the relay runs).
 */
async function ensureRelay(deps: PairDeps, ctx: EmbeddedContext, faults?: LinkStatus): Promise<void> {
  if (!ctx.peerPorts) return;
  await deps.link.ensureRunning(relayFronts(ctx.ports, ctx.peerPorts), faults);
}

/** Folders and the link relay, for a pair that exists. */
export async function preparePair(deps: PairDeps, ctx: EmbeddedContext): Promise<void> {
  await prepareFolders(ctx);
  await ensureRelay(deps, ctx);
}

/**
 * Everything from nothing: stray servers killed, old folders trashed, initdb, the standby a copy of the stopped
 * primary, the link relay. Marks a build under way (building.json) until endBuild.
 */
export async function createPair(
  deps: PairDeps,
  binaries: Binaries,
  basePort: number,
  runAs: RunAs | undefined,
  checkpoint: () => void,
): Promise<DriverOutcome & { ctx: EmbeddedContext; file: ClusterFile }> {
  const { layout, trash, spare } = deps;
  await deps.link.stop();
  const { ports, peerPorts } = await choosePorts(basePort);
  const ctx: EmbeddedContext = { layout, binaries, runAs, ports, peerPorts, checkpoint };
  await mkdir(layout.stateDir, { recursive: true });
  await writeFile(join(layout.stateDir, BUILDING_FILE), `${JSON.stringify({ pid: process.pid })}\n`);
  await killNodes(ctx, nodesWithPorts(ctx.ports));
  await spare.discard(ctx);
  // the shell's HOME too: a file an earlier cluster left there (root's, from a docker run in this folder) would make
  // a block's `… > ~/file` fail, and what it reads next be the earlier run's
  await trash.moveIn(layout.scratchDir);
  await prepareFolders(ctx);
  // the relay starts (a process of its own, ~0.5 s) while initdb runs; the standby needs it only when it starts
  const relay = ensureRelay(deps, ctx, NO_LINK_FAULTS);
  relay.catch(() => undefined);
  // whole folders: an interrupted earlier build may have left half-made copies in them
  await trash.moveIn(layout.nodesDir);
  await trash.moveIn(layout.goldenDir);
  trash.purgeInBackground();
  const method = await makePair(ctx);
  await relay;
  const file: ClusterFile = {
    version: 2, ports, peerPorts, binDir: binaries.binDir, binSource: binaries.source, pgVersion: binaries.version,
    created: new Date().toISOString(),
  };
  return {
    ctx,
    file,
    method: `${method}, then a golden copy`,
    detail: `PostgreSQL ${binaries.version} from ${binaries.source} (${binaries.binDir}); `
      + `ports ${nodesWithPorts(ports).map((n) => ports[n]).join('/')}, `
      + `link relay ${nodesWithPorts(peerPorts).map((n) => peerPorts[n]).join('/')}`,
  };
}

/** The build is over: cluster.json says what was built (when it was saved), and building.json goes. */
export async function endBuild(layout: Layout, file: ClusterFile | null): Promise<void> {
  if (file) await layout.writeClusterFile(file);
  await rm(join(layout.stateDir, BUILDING_FILE), { force: true });
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

/**
 * Kills whatever runs and puts the spare (or, when there is none, a copy of golden/) in place of the data folders of
 * `nodes`; a node beyond the pair gets the spare's copy of the standby's golden copy, or a fresh one (the same cleanly
 * stopped primary, configured by the lifecycle for its own upstream). Nodes not in `nodes` are left without data.
 */
export async function restoreFromGolden(deps: PairDeps, ctx: EmbeddedContext, nodes: readonly NodeName[]): Promise<string> {
  const { layout, trash, spare } = deps;
  for (const node of nodes) portOf(ctx.ports, node); // a node without a port is refused before anything stops
  const present = nodesWithPorts(ctx.ports);
  // a spare still being copied finishes while the old servers die
  await Promise.all([killNodes(ctx, present), spare.ready()]);
  await Promise.all(present.map((node) => trash.moveIn(layout.dataDir(node))));
  const wanted = [...new Set<NodeName>([...PAIR_NODES, ...nodes])];
  const taken = await spare.take(ctx, wanted);
  const copied = wanted.filter((n) => !taken.includes(n));
  await restoreGolden(layout, copied);
  const [copiedPair, copiedDerived] = [copied.filter(isPairNode), copied.filter((n) => !isPairNode(n))];
  return `golden copy: ${[
    taken.length ? `a spare copy made in the background, renamed into place (${taken.join(', ')})` : '',
    copiedPair.length ? `cp -a of golden/ (${copiedPair.join(', ')}; no spare was ready)` : '',
    copiedDerived.length ? derivedMethod(copiedDerived) : '',
  ].filter(Boolean).join('; ')}`;
}

/** Right after a build: `nodes` beyond the pair get their copy of the standby's golden copy; the pair is left alone. */
export async function restoreDerived(deps: PairDeps, ctx: EmbeddedContext, nodes: readonly NodeName[]): Promise<void> {
  const { layout, trash } = deps;
  const derived = nodes.filter((n) => !isPairNode(n));
  for (const node of derived) portOf(ctx.ports, node);
  await killNodes(ctx, derived);
  await Promise.all(derived.map((node) => trash.moveIn(layout.dataDir(node))));
  await restoreGolden(layout, derived);
}

/** Fast shutdown of both nodes (frozen ones thawed first), then any stray server of our folders is killed. */
export async function stopAll(deps: PairDeps, ctx: EmbeddedContext | null): Promise<string[]> {
  const stopped: string[] = [];
  if (ctx) {
    await Promise.all(nodesWithPorts(ctx.ports).map(async (node) => {
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
