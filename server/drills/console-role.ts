// The role the drill's console connects as: it may read every view and setting a diagnosis needs (pg_monitor,
// pg_read_all_data, pg_hba_file_rules) and nothing more — not a superuser, so no pg_reload_conf(), no
// pg_wal_replay_resume(), no terminating others' sessions, no files. Made on the primary at a drill's start (a reset
// pair has no such role), before any fault: under a hanging commit it could not be made.
import type { NodeConnection } from '../cluster/cluster';
import type { Cluster } from '../cluster/cluster';
import { pollUntil } from '../cluster/poll';
import { sql } from '../cluster/sql/client';
import { literal } from '../cluster/sql/replication';
import { PRIMARY, STANDBY } from './workload';
import type { NodeName } from '../../shared/types';

export const CONSOLE_ROLE = 'pgdemo_console';

export async function createConsoleRole(cluster: Cluster): Promise<void> {
  // the same password as the sidecar's own role, where its connections need one (docker's TCP); none on a local socket
  const password = cluster.connection(PRIMARY).password;
  await sql(cluster, PRIMARY, `CREATE ROLE ${CONSOLE_ROLE} LOGIN${password ? ` PASSWORD ${literal(password)}` : ''}`);
  for (const grant of [
    `GRANT pg_monitor, pg_read_all_data TO ${CONSOLE_ROLE}`,
    `GRANT SELECT ON pg_hba_file_rules TO ${CONSOLE_ROLE}`,
    `GRANT EXECUTE ON FUNCTION pg_hba_file_rules() TO ${CONSOLE_ROLE}`,
  ]) await sql(cluster, PRIMARY, grant);
  await pollUntil(async () => (await sql(cluster, STANDBY, 'SELECT 1 FROM pg_roles WHERE rolname = $1', [CONSOLE_ROLE])).length > 0,
    { timeoutMs: 10_000, intervalMs: 20, what: `the role ${CONSOLE_ROLE} on the standby` });
}

/** How the console reaches a node: the sidecar's own way, as the console's role. */
export function consoleConnection(cluster: Pick<Cluster, 'connection'>, node: NodeName): NodeConnection {
  return { ...cluster.connection(node), user: CONSOLE_ROLE };
}
