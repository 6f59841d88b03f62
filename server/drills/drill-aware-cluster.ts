// The cluster as the page's routes and status feed see it while drills exist: status leaves out what would name an
// unrevealed fault, and a reset ends the drill first (the deck's Reset, `pgdemo-reset`, `pgdemo cluster reset` via
// the sidecar) so that nothing of it — a held session, a log line unwritten — outlives the pair it ran on.
import type { TopologyName } from '../../shared/topology';
import type { Cluster } from '../cluster/cluster';
import type { DrillSession } from './drill-session';
import { maskedStatus } from './status-mask';

export function drillAwareCluster(cluster: Cluster, drills: DrillSession): Cluster {
  return new Proxy(cluster, {
    get(target, property) {
      if (property === 'status') {
        return async () => {
          const status = await target.status();
          return drills.hidesFaults ? maskedStatus(status) : status;
        };
      }
      if (property === 'reset') {
        return async (topology?: TopologyName) => {
          await drills.endForReset();
          return target.reset(topology);
        };
      }
      // the class keeps its state in private fields: its methods must run on it, not on the proxy
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}
