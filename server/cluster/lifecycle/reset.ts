// `reset`: from any state back to a fresh streaming cluster of the given topology — the saved start state when there
// is one, else a build.
import { isDemoError } from '../../../shared/errors';
import type { TopologyName } from '../../../shared/topology';
import type { ClusterDriver, DriverOutcome } from '../driver';
import { build } from './build';
import { restoreStartState } from './start-state';
import { recordTopology } from './topology-record';
import { requireBuildable } from './topology-support';

export async function reset(driver: ClusterDriver, checkpoint: () => void, topology: TopologyName): Promise<DriverOutcome> {
  requireBuildable(driver, topology);
  let built: Awaited<ReturnType<ClusterDriver['built']>>;
  try {
    built = await driver.built();
  } catch (err) {
    if (!isDemoError(err) || err.code !== 'INVALID_STATE') throw err;
    // the backend's records are damaged, unreadable or gone under running servers: reset means a fresh pair
    // whatever the state, so everything of this state folder goes and the pair is built again
    await driver.destroy();
    const fresh = await build(driver, checkpoint, topology);
    return { ...fresh, detail: `${err.message} So everything of the state folder was removed and the pair built again; ${fresh.detail ?? ''}`.trim() };
  }
  if (built === 'complete') {
    const method = await restoreStartState(driver, topology);
    await recordTopology(driver.stateDir, topology);
    return { method };
  }
  const fresh = await build(driver, checkpoint, topology);
  return { ...fresh, detail: `no saved start state yet, so a full build; ${fresh.detail ?? ''}`.trim() };
}
