// From nothing to a streaming cluster with its start state saved. Each backend makes the nodes its own way
// (driver.createPair: initdb and a copy, or the compose file's containers); the rest is this, for every backend.
import { topologyNodes, type TopologyName } from '../../../shared/topology';
import type { ClusterDriver, DriverOutcome } from '../driver';
import { primaryConninfo, slotOf } from '../naming';
import { configureStandby } from '../node-files';
import { saveStartState, startAfterSave, startStreams } from './start-state';
import { recordTopology } from './topology-record';
import { requireBuildable } from './topology-support';

/** `checkpoint` throws CANCELLED once the build was interrupted (Ctrl-C): it is called between the long steps. */
export async function build(driver: ClusterDriver, checkpoint: () => void, topology: TopologyName): Promise<DriverOutcome> {
  requireBuildable(driver, topology);
  let saved = false;
  try {
    const made = await driver.createPair({ checkpoint });
    checkpoint();
    // through the link between the nodes (where network faults act), by the standby's own slot
    for (const { node, upstream } of startStreams('pair')) {
      if (upstream) await configureStandby(driver, node, primaryConninfo(driver.peerAddress(upstream), node), slotOf(node));
    }
    checkpoint();
    await saveStartState(driver);
    checkpoint();
    await recordTopology(driver.stateDir, topology);
    // the pair's data folders are its start state as they are: only a third node is made, from it
    await startAfterSave(driver, topology);
    saved = true;
    return made;
  } finally {
    await driver.buildFinished(saved);
    if (saved) await driver.prepareNextRestore?.(topologyNodes(topology));
  }
}
