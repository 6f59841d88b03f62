// What every embedded primitive needs to know about the cluster it works on.
import type { NodeName } from '../../types';
import type { NodeConnection } from '../cluster';
import { DATABASE, SUPERUSER } from '../naming';
import type { Binaries } from './binaries';
import type { Layout } from './layout';
import type { RunAs } from './os-user';

export interface EmbeddedContext {
  layout: Layout;
  binaries: Binaries;
  runAs: RunAs | undefined;
  ports: Record<NodeName, number>;
}

/** Over the unix socket (trust): no password, no TLS, fastest. */
export function socketConnection(ctx: Pick<EmbeddedContext, 'layout' | 'ports'>, node: NodeName): NodeConnection {
  return { host: ctx.layout.runDir, port: ctx.ports[node], user: SUPERUSER, database: DATABASE };
}

/** Environment for PG tools: the pgpass file holds the postgres and replicator passwords for TCP connections. */
export function toolEnv(ctx: EmbeddedContext): Record<string, string> {
  return { PGPASSFILE: ctx.layout.pgpass };
}

export function nodeOfPort(ctx: Pick<EmbeddedContext, 'ports'>, port: number | null): NodeName | null {
  if (port === null) return null;
  for (const [node, p] of Object.entries(ctx.ports) as [NodeName, number][]) if (p === port) return node;
  return null;
}
