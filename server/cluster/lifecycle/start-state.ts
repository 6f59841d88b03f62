// The pair's start state, which reset brings back: each node's data folder as the build left it, saved while its
// server was stopped cleanly, less the WAL beyond its shutdown checkpoint.
import { NO_LINK_FAULTS } from '../link-faults';
import { CONTROL_FILE } from '../control-file';
import type { ClusterDriver } from '../driver';
import { futureWalSegments } from '../future-wal';
import { topologyStreams, type TopologyName } from '../../../shared/topology';
import { applicationNameOf } from '../naming';
import { waitForPair } from './bring-up';
import { upstreamsFirst, type NodeStream } from './streams';

/** Who streams from whom in the topology's start state: what build configures and saves, so what reset brings back. */
export function startStreams(topology: TopologyName): NodeStream[] {
  return topologyStreams(topology).map(({ node, upstream }) => ({
    node, role: upstream ? 'standby' : 'primary', upstream, applicationName: applicationNameOf(node),
  }));
}

/**
 * Stops the pair cleanly, upstreams first (the primary's shutdown checkpoint reaches its standby, so both copies end
 * at the same point), then saves each node without the WAL segments nothing reads (every restore copies less).
 */
export async function saveStartState(driver: ClusterDriver, topology: TopologyName): Promise<void> {
  const streams = startStreams(topology);
  for (const node of upstreamsFirst(streams)) await driver.stopServer(node);
  await Promise.all(streams.map(async ({ node }) => {
    const [control, wal] = await Promise.all([driver.readFile(node, CONTROL_FILE), driver.listFiles(node, 'pg_wal')]);
    await driver.saveStartState(node, futureWalSegments(control, wal).map((name) => `pg_wal/${name}`));
  }));
}

/** The start state's servers, stopped, started upstreams first, and the wait for the pair. */
export async function startStartState(driver: ClusterDriver, topology: TopologyName): Promise<void> {
  const streams = startStreams(topology);
  for (const node of upstreamsFirst(streams)) await driver.start(node);
  await waitForPair(driver, streams);
}

/**
 * Any state back to the start state: whatever runs stops, each node's data is its saved copy again, the link between
 * the nodes is whole (put back while the data is), and the pair starts, upstreams first, and streams. Returns the
 * method of the restore.
 */
export async function restoreStartState(driver: ClusterDriver, topology: TopologyName): Promise<string> {
  await driver.prepare?.();
  const [, method] = await Promise.all([driver.setLink(NO_LINK_FAULTS), driver.restoreStartState()]);
  try {
    await startStartState(driver, topology);
  } finally {
    // only now: a copy made beside the servers' start would slow it down
    await driver.prepareNextRestore?.();
  }
  return method;
}
