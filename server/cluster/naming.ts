// Names every backend shares. The seed calls the standby's slot `standby_slot` and its application_name `standby`;
// when roles swap, the node `postgres-primary` streams as `primary` through `primary_slot`, so the two never collide.
import type { NodeName } from '../types';

export const REPLICATION_USER = 'replicator';
export const REPLICATION_PASSWORD = 'replicator_password';
export const SUPERUSER = 'postgres';
export const DATABASE = 'postgres';

const STREAM_NAMES: Record<NodeName, { slot: string; applicationName: string }> = {
  'postgres-primary': { slot: 'primary_slot', applicationName: 'primary' },
  'postgres-standby': { slot: 'standby_slot', applicationName: 'standby' },
};

/** The physical slot a node uses on its upstream when it is a standby. */
export const slotOf = (node: NodeName) => STREAM_NAMES[node].slot;
/** The application_name a node streams with (what synchronous_standby_names and pg_stat_replication show). */
export const applicationNameOf = (node: NodeName) => STREAM_NAMES[node].applicationName;

export function otherNode(node: NodeName): NodeName {
  return node === 'postgres-primary' ? 'postgres-standby' : 'postgres-primary';
}

/** primary_conninfo as the seed writes it (password inline, as `pg_basebackup -R` does). */
export function primaryConninfo(host: string, port: number, node: NodeName): string {
  return `host=${host} port=${port} user=${REPLICATION_USER} password=${REPLICATION_PASSWORD} `
    + `application_name=${applicationNameOf(node)}`;
}

/** The port in a primary_conninfo string, or null. */
export function conninfoPort(conninfo: string | null | undefined): number | null {
  const match = /(?:^|\s)port\s*=\s*'?(\d+)/.exec(conninfo ?? '');
  return match ? Number(match[1]) : null;
}
