// What every embedded primitive needs to know about the cluster it works on.
import type { NodeName } from '../../../shared/types';
import type { NodeConnection } from '../cluster';
import type { PeerAddress } from '../driver';
import { DATABASE, SUPERUSER } from '../naming';
import type { ProblemLog } from '../problem-log';
import type { Binaries } from './binaries';
import type { Layout } from './layout';
import type { RunAs } from './os-user';

export interface EmbeddedContext {
  layout: Layout;
  binaries: Binaries;
  runAs: RunAs | undefined;
  ports: Record<NodeName, number>;
  /** the link relay's port in front of each node (absent on pairs built before the relay existed) */
  peerPorts?: Record<NodeName, number>;
  /** failures of work nobody waits for (a killed server's shared memory), for status */
  problems?: ProblemLog;
  /** throws CANCELLED once the operation was interrupted (Ctrl-C): long work calls it between its steps */
  checkpoint?: () => void;
}

/** Over the unix socket (trust): no password, no TLS, fastest. */
export function socketConnection(ctx: Pick<EmbeddedContext, 'layout' | 'ports'>, node: NodeName): NodeConnection {
  return { host: ctx.layout.runDir, port: ctx.ports[node], user: SUPERUSER, database: DATABASE };
}

/**
 * How the other node reaches `node` (primary_conninfo, pg_rewind --source-server): over TCP on loopback, through
 * the link relay, so that a cut or slow link affects exactly the traffic between the nodes.
 */
export function peerAddress(ctx: Pick<EmbeddedContext, 'ports' | 'peerPorts'>, node: NodeName): PeerAddress {
  return { host: '127.0.0.1', port: ctx.peerPorts?.[node] ?? ctx.ports[node] };
}

/** Environment for PG tools: the pgpass file holds the postgres and replicator passwords for TCP connections. */
export function toolEnv(ctx: EmbeddedContext): Record<string, string> {
  return { PGPASSFILE: ctx.layout.pgpass };
}
