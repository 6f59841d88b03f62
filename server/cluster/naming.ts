// Names every backend shares. The seed calls the standby's slot `standby_slot` and its application_name `standby`;
// when roles swap, the node `postgres-primary` streams as `primary` through `primary_slot`, so the two never collide.
import type { NodeName } from '../../shared/types';
import type { PeerAddress } from './driver';

export const REPLICATION_USER = 'replicator';
export const REPLICATION_PASSWORD = 'replicator_password';
export const SUPERUSER = 'postgres';
export const DATABASE = 'postgres';

const STREAM_NAMES: Record<NodeName, { slot: string; applicationName: string }> = {
  'postgres-primary': { slot: 'primary_slot', applicationName: 'primary' },
  'postgres-standby': { slot: 'standby_slot', applicationName: 'standby' },
  'postgres-standby2': { slot: 'standby2_slot', applicationName: 'standby2' },
};

/** The physical slot a node uses on its upstream when it is a standby. */
export const slotOf = (node: NodeName) => STREAM_NAMES[node].slot;
/** The application_name a node streams with (what synchronous_standby_names and pg_stat_replication show). */
export const applicationNameOf = (node: NodeName) => STREAM_NAMES[node].applicationName;

export function otherNode(node: NodeName): NodeName {
  return node === 'postgres-primary' ? 'postgres-standby' : 'postgres-primary';
}

/** primary_conninfo as the seed writes it (password inline, as `pg_basebackup -R` does), for `node` streaming from `upstream`. */
export function primaryConninfo(upstream: PeerAddress, node: NodeName): string {
  return `host=${upstream.host} port=${upstream.port} user=${REPLICATION_USER} password=${REPLICATION_PASSWORD} `
    + `application_name=${applicationNameOf(node)}`;
}

/** The superuser conninfo pg_rewind copies from (its password comes from the node's pgpass file). */
export function sourceServer(upstream: PeerAddress): string {
  return `host=${upstream.host} port=${upstream.port} user=${SUPERUSER} dbname=${DATABASE}`;
}

function conninfoValue(conninfo: string, key: string): string | null {
  return new RegExp(`(?:^|\\s)${key}\\s*=\\s*'?([^'\\s]+)`).exec(conninfo)?.[1] ?? null;
}

/**
 * The application_name a standby streams with, as its upstream's pg_stat_replication shows it: the one in its
 * primary_conninfo (a demo may have written its own, as the seed's `application_name=old_primary`), else ours.
 */
export function streamingNameOf(conninfo: string | null | undefined, node: NodeName): string {
  return (conninfo ? conninfoValue(conninfo, 'application_name') : null) ?? applicationNameOf(node);
}

/** Where a conninfo string points: host (null for none) and port (libpq's default 5432). */
export function conninfoTarget(conninfo: string | null | undefined): PeerAddress | null {
  if (!conninfo) return null;
  const port = Number(conninfoValue(conninfo, 'port') ?? 5432);
  const host = conninfoValue(conninfo, 'host') ?? conninfoValue(conninfo, 'hostaddr');
  return host && Number.isInteger(port) ? { host, port } : null;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);
const sameHost = (a: string, b: string) => a === b || (LOOPBACK.has(a) && LOOPBACK.has(b));

/** The node of the pair a conninfo points at (given how each node is reached), or null. */
export function nodeOfConninfo(conninfo: string | null | undefined, addresses: [NodeName, PeerAddress][]): NodeName | null {
  const target = conninfoTarget(conninfo);
  if (!target) return null;
  return addresses.find(([, a]) => a.port === target.port && sameHost(a.host, target.host))?.[0] ?? null;
}
