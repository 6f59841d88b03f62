// The files that make a data folder a node of this pair. postgresql.conf and pg_hba.conf are identical on both
// nodes (so pg_rewind copying them changes nothing); the port is not in them (it comes from PGPORT at start);
// what differs — primary_conninfo, primary_slot_name, standby.signal — the lifecycle writes (node-files.ts).
import { appendFile, chmod, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { giveTo, type RunAs } from './os-user';

export function serverSettings(socketDir: string): string {
  return `
# ---- pgdemo: streaming replication pair (same on both nodes; the port comes from PGPORT) ----
listen_addresses = '127.0.0.1'
unix_socket_directories = '${socketDir}'
wal_level = replica
max_wal_senders = 10
max_replication_slots = 10
hot_standby = on
wal_log_hints = on            # pg_rewind needs it (or data checksums)
wal_keep_size = 0             # the slots do the retaining
logging_collector = off       # stderr goes to logs/<node>.log
log_line_prefix = '%m [%p] %b '
`;
}

export const PG_HBA = `# pgdemo: the socket folder is 0700, so only the server user and root reach the trust lines
# TYPE  DATABASE     USER        ADDRESS         METHOD
local   all          all                         trust
local   replication  all                         trust
host    replication  replicator  127.0.0.1/32    scram-sha-256
host    all          all         127.0.0.1/32    scram-sha-256
`;

export async function writeServerConfig(dataDir: string, socketDir: string): Promise<void> {
  await appendFile(join(dataDir, 'postgresql.conf'), serverSettings(socketDir));
  await writeFile(join(dataDir, 'pg_hba.conf'), PG_HBA);
}

/** Writes a file of a data folder as the server user would: owned by it, mode 0600. */
export async function writeOwned(file: string, content: string, runAs: RunAs | undefined): Promise<void> {
  await writeFile(file, content, { mode: 0o600 });
  await chmod(file, 0o600);
  await giveTo(runAs, file);
}
