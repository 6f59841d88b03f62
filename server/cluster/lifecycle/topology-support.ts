// Which topologies a backend can build: the lifecycle refuses the others before touching anything.
import { DemoError } from '../../../shared/errors';
import type { TopologyName } from '../../../shared/topology';
import type { ClusterDriver } from '../driver';

export function requireBuildable(driver: ClusterDriver, topology: TopologyName): void {
  if (driver.topologies.includes(topology)) return;
  throw new DemoError('BAD_REQUEST', `The ${driver.kind} backend cannot build the topology "${topology}" yet.`,
    { detail: `It builds: ${driver.topologies.join(', ')}.` });
}
