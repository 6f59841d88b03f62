// Why a fault may not be offered: it needs a PostgreSQL feature the cluster's binaries lack.
import type { Cluster } from '../cluster/cluster';

/** null when the cluster's server is at least `major` (or its version is not known yet: the pair is not up) */
export function needsMajor(cluster: Pick<Cluster, 'tools'>, major: number, feature: string): string | null {
  const version = cluster.tools()?.version;
  const found = version ? Number(/^(\d+)/.exec(version)?.[1]) : NaN;
  if (Number.isNaN(found) || found >= major) return null;
  return `${feature} needs PostgreSQL ${major} or later; this pair runs ${version}.`;
}
