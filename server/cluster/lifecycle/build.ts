// From nothing to a streaming pair with its start state saved. Each backend makes the nodes its own way
// (driver.createPair: initdb and a copy, or the compose file's containers); the rest is this, for every backend.
import type { ClusterDriver, DriverOutcome } from '../driver';
import { primaryConninfo, slotOf } from '../naming';
import { configureStandby } from '../node-files';
import { saveStartState, startStartState, START_STREAMS } from './start-state';

/** `checkpoint` throws CANCELLED once the build was interrupted (Ctrl-C): it is called between the long steps. */
export async function build(driver: ClusterDriver, checkpoint: () => void): Promise<DriverOutcome> {
  let saved = false;
  try {
    const made = await driver.createPair({ checkpoint });
    checkpoint();
    // through the link between the nodes (where network faults act), by the standby's own slot
    for (const { node, upstream } of START_STREAMS) {
      if (upstream) await configureStandby(driver, node, primaryConninfo(driver.peerAddress(upstream), node), slotOf(node));
    }
    checkpoint();
    await saveStartState(driver);
    checkpoint();
    await startStartState(driver);
    saved = true;
    return made;
  } finally {
    await driver.buildFinished(saved);
    if (saved) await driver.prepareNextRestore?.();
  }
}
