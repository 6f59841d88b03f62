// What -R (pg_basebackup --write-recovery-conf, pg_rewind --write-recovery-conf) writes into a data folder: an empty
// standby.signal and primary_conninfo (and primary_slot_name) appended to postgresql.auto.conf.
import { appendFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const quoted = (value: string) => `'${value.replaceAll("'", "''")}'`;

export async function writeStandbyConfig(dataDir: string, conninfo: string, slot?: string): Promise<void> {
  await writeFile(join(dataDir, 'standby.signal'), '', { mode: 0o600 });
  let lines = `primary_conninfo = ${quoted(conninfo)}\n`;
  if (slot) lines += `primary_slot_name = ${quoted(slot)}\n`;
  await appendFile(join(dataDir, 'postgresql.auto.conf'), lines, { mode: 0o600 });
}
