// From nothing to a streaming pair with its start state saved. Each backend makes the nodes its own way
// (driver.createPair: initdb and a copy, or the compose file's containers); the rest is this, for every backend.
import type { NodeName } from '../../../shared/types';
import type { ClusterDriver, DriverOutcome } from '../driver';
import { primaryConninfo, slotOf } from '../naming';
import { configureStandby } from '../node-files';
import { bringUp, waitForPair } from './bring-up';
import { saveStartState } from './start-state';
import { readStreams } from './streams';

/** Who streams from whom in a freshly built pair. */
export const START_TOPOLOGY: readonly { node: NodeName; upstream: NodeName | null }[] = [
  { node: 'postgres-primary', upstream: null },
  { node: 'postgres-standby', upstream: 'postgres-primary' },
];

/** `checkpoint` throws CANCELLED once the build was interrupted (Ctrl-C): it is called between the long steps. */
export async function build(driver: ClusterDriver, checkpoint: () => void): Promise<DriverOutcome> {
  let saved = false;
  try {
    const made = await driver.createPair({ checkpoint });
    checkpoint();
    // through the link between the nodes (where network faults act), by the standby's own slot
    for (const { node, upstream } of START_TOPOLOGY) {
      if (upstream) await configureStandby(driver, node, primaryConninfo(driver.peerAddress(upstream), node), slotOf(node));
    }
    checkpoint();
    const streams = await readStreams(driver);
    await saveStartState(driver, streams);
    checkpoint();
    await bringUp(driver, streams);
    await waitForPair(driver, streams);
    saved = true;
    return made;
  } finally {
    await driver.buildFinished(saved);
    if (saved) await driver.prepareNextRestore?.();
  }
}
