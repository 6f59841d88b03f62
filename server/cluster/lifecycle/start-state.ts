// The start state, which reset brings back: the pair's data folders as the build left them, saved while each server
// was stopped cleanly, less the WAL beyond its shutdown checkpoint. A topology with a third node starts it from the
// standby's start state (a copy of the same stopped primary), pointed at its upstream, with its slot made there.
import { isPairNode, topologyNodes, topologyStreams, type TopologyName } from '../../../shared/topology';
import type { NodeName } from '../../../shared/types';
import { CONTROL_FILE } from '../control-file';
import type { ClusterDriver } from '../driver';
import { futureWalSegments } from '../future-wal';
import { NO_LINK_FAULTS } from '../link-faults';
import { applicationNameOf, primaryConninfo, slotOf } from '../naming';
import { configureStandby } from '../node-files';
import { ensureSlot } from '../sql/replication';
import { waitForPair } from './bring-up';
import { upstreamLevels, upstreamsFirst, type NodeStream } from './streams';

/** Who streams from whom in the topology's start state: what build configures and saves, so what reset brings back. */
export function startStreams(topology: TopologyName): NodeStream[] {
  return topologyStreams(topology).map(({ node, upstream }) => ({
    node, role: upstream ? 'standby' : 'primary', upstream, applicationName: applicationNameOf(node),
  }));
}

/** A node the saved start state does not hold as it starts: made from the standby's at each restore. */
const isDerived = (node: NodeName) => !isPairNode(node);

/**
 * Stops the pair cleanly, upstreams first (the primary's shutdown checkpoint reaches its standby, so both copies end
 * at the same point), then saves each node without the WAL segments nothing reads (every restore copies less).
 */
export async function saveStartState(driver: ClusterDriver): Promise<void> {
  const streams = startStreams('pair');
  for (const node of upstreamsFirst(streams)) await driver.stopServer(node);
  await Promise.all(streams.map(async ({ node }) => {
    const [control, wal] = await Promise.all([driver.readFile(node, CONTROL_FILE), driver.listFiles(node, 'pg_wal')]);
    await driver.saveStartState(node, futureWalSegments(control, wal).map((name) => `pg_wal/${name}`));
  }));
}

/**
 * The topology's servers, stopped, started upstreams first — the nodes of one step at once (the two standbys of
 * `two-standbys` both stream from the primary) — and the wait for every standby. A derived node starts once
 * `derivedReady` (its data being made meanwhile) resolves, its slot made on its upstream (a standby, in a cascade)
 * once that runs, just before the node starts.
 */
export async function startStartState(driver: ClusterDriver, topology: TopologyName,
  derivedReady: Promise<void> = Promise.resolve()): Promise<void> {
  const streams = startStreams(topology);
  for (const level of upstreamLevels(streams)) {
    await Promise.all(level.map(async (node) => {
      const upstream = streams.find((s) => s.node === node)?.upstream;
      if (isDerived(node)) await derivedReady;
      if (upstream && isDerived(node)) await ensureSlot(driver.connection(upstream), upstream, slotOf(node));
      await driver.start(node);
    }));
  }
  await waitForPair(driver, streams);
}

/** The derived nodes of the topology, each configured as a standby of its own upstream. */
async function configureDerived(driver: ClusterDriver, topology: TopologyName): Promise<void> {
  await Promise.all(startStreams(topology).filter((s) => s.upstream && isDerived(s.node)).map(({ node, upstream }) =>
    configureStandby(driver, node, primaryConninfo(driver.peerAddress(upstream!), node), slotOf(node))));
}

/** The restored data folders of the topology, each derived node configured as a standby of its own upstream. */
export async function restoreTopology(driver: ClusterDriver, topology: TopologyName): Promise<string> {
  const method = await driver.restoreStartState(topologyNodes(topology));
  await configureDerived(driver, topology);
  return method;
}

/**
 * Just after the start state was saved, the pair's data folders are that state: the topology's servers start, and a
 * derived node's data is made meanwhile (the backend's `restoreDerived`, beside the pair's start); a backend without
 * it restores every node first.
 */
export async function startAfterSave(driver: ClusterDriver, topology: TopologyName): Promise<void> {
  const derived = topologyNodes(topology).filter(isDerived);
  if (derived.length && !driver.restoreDerived) await restoreTopology(driver, topology);
  if (!derived.length || !driver.restoreDerived) return startStartState(driver, topology);
  const made = driver.restoreDerived(derived).then(() => configureDerived(driver, topology));
  made.catch(() => undefined); // awaited by each derived node's start: a failure fails the build there
  await startStartState(driver, topology, made);
}

/**
 * Any state back to the topology's start state: whatever runs stops, each node's data is its saved copy again, the
 * link between the nodes is whole (put back while the data is), and the nodes start, upstreams first, and stream.
 * Returns the method of the restore.
 */
export async function restoreStartState(driver: ClusterDriver, topology: TopologyName): Promise<string> {
  await driver.prepare?.();
  const [, method] = await Promise.all([driver.setLink(NO_LINK_FAULTS), restoreTopology(driver, topology)]);
  try {
    await startStartState(driver, topology);
  } finally {
    // only now: a copy made beside the servers' start would slow it down
    await driver.prepareNextRestore?.(topologyNodes(topology));
  }
  return method;
}
