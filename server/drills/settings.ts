// Server settings a drill changes and puts back: ALTER SYSTEM then a reload, as a DBA would (every setting a drill
// touches is reloadable: PostgreSQL 15 marks it `sighup`).
import type { NodeName } from '../../shared/types';
import type { Cluster } from '../cluster/cluster';
import { query } from '../cluster/sql/client';
import { literal } from '../cluster/sql/replication';

const LIMITS = { connectMs: 3_000, statementMs: 5_000 };

/** Sets (a string) or resets (null) each setting on `node`, then reloads its configuration. */
export async function alterSystem(cluster: Pick<Cluster, 'connection'>, node: NodeName,
  changes: Record<string, string | null>): Promise<void> {
  const connection = cluster.connection(node);
  for (const [name, value] of Object.entries(changes)) {
    if (!/^[a-z_]+$/.test(name)) throw new Error(`not a setting name: ${name}`);
    await query(connection, node, value === null ? `ALTER SYSTEM RESET ${name}` : `ALTER SYSTEM SET ${name} = ${literal(value)}`,
      [], LIMITS);
  }
  await query(connection, node, 'SELECT pg_reload_conf()', [], LIMITS);
}

/** One setting as the server uses it now. */
export async function currentSetting(cluster: Pick<Cluster, 'connection'>, node: NodeName, name: string): Promise<string> {
  const [row] = await query<{ value: string }>(cluster.connection(node), node, 'SELECT current_setting($1) AS value', [name], LIMITS);
  return row!.value;
}
