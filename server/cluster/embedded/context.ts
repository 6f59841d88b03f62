// What every embedded primitive needs to know about the cluster it works on.
import { DemoError } from '../../../shared/errors';
import type { PairNodeName } from '../../../shared/topology';
import { NODE_NAMES, type NodeName } from '../../../shared/types';
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
  ports: NodePorts;
  /** the link relay's port in front of each node (absent on pairs built before the relay existed) */
  peerPorts?: NodePorts;
  /** failures of work nobody waits for (a killed server's shared memory), for status */
  problems?: ProblemLog;
  /** throws CANCELLED once the operation was interrupted (Ctrl-C): long work calls it between its steps */
  checkpoint?: () => void;
}

/** A port per node: the pair's always, a third node's when the cluster was built with one. */
export type NodePorts = Record<PairNodeName, number> & Partial<Record<NodeName, number>>;

/** The nodes that have a port: every node this cluster can run (three since topologies; two in older state folders). */
export function nodesWithPorts(ports: NodePorts): NodeName[] {
  return NODE_NAMES.filter((node) => ports[node] !== undefined);
}

/** The node's port; INVALID_STATE for a node this cluster was not built with. */
export function portOf(ports: NodePorts, node: NodeName): number {
  const port = ports[node];
  if (port === undefined) {
    throw new DemoError('INVALID_STATE', `${node} has no port in this cluster: its state folder was built before `
      + 'three-node topologies.', { detail: 'Run `pgdemo cluster destroy`, then `up` (a build reserves ports for three nodes).' });
  }
  return port;
}

/** Over the unix socket (trust): no password, no TLS, fastest. */
export function socketConnection(ctx: Pick<EmbeddedContext, 'layout' | 'ports'>, node: NodeName): NodeConnection {
  return { host: ctx.layout.runDir, port: portOf(ctx.ports, node), user: SUPERUSER, database: DATABASE };
}

/**
 * How the other node reaches `node` (primary_conninfo, pg_rewind --source-server): over TCP on loopback, through
 * the link relay, so that a cut or slow link affects exactly the traffic between the nodes.
 */
export function peerAddress(ctx: Pick<EmbeddedContext, 'ports' | 'peerPorts'>, node: NodeName): PeerAddress {
  return { host: '127.0.0.1', port: ctx.peerPorts?.[node] ?? portOf(ctx.ports, node) };
}

/** Environment for PG tools: the pgpass file holds the postgres and replicator passwords for TCP connections. */
export function toolEnv(ctx: EmbeddedContext): Record<string, string> {
  return { PGPASSFILE: ctx.layout.pgpass };
}
