// What -R (pg_basebackup --write-recovery-conf, pg_rewind --write-recovery-conf) writes into a data folder: an empty
// standby.signal and primary_conninfo (and primary_slot_name) appended to postgresql.auto.conf.
import { appendFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expandConninfo } from '../psql/conninfo';

const quoted = (value: string) => `'${value.replaceAll("'", "''")}'`;

export async function writeStandbyConfig(dataDir: string, conninfo: string, slot?: string): Promise<void> {
  await writeFile(join(dataDir, 'standby.signal'), '', { mode: 0o600 });
  let lines = `primary_conninfo = ${quoted(conninfo)}\n`;
  if (slot) lines += `primary_slot_name = ${quoted(slot)}\n`;
  await appendFile(join(dataDir, 'postgresql.auto.conf'), lines, { mode: 0o600 });
}

// libpq's appendConnStrVal: bare when only letters, digits, '_' and '.', else quoted with \\ and \' escaped
const connValue = (value: string) => (/^[A-Za-z0-9_.]+$/.test(value) ? value : `'${value.replace(/['\\]/g, '\\$&')}'`);

/**
 * The primary_conninfo pg_basebackup -R writes: the settings it connected with (its -d conninfo, where the seed puts
 * user, password and application_name) but for dbname and replication; -U over the conninfo's user, as libpq takes
 * the options after the expanded dbname; the host and port it reached the source on.
 */
export function recoveryConninfo(dbname: string | undefined, user: { option?: string; fallback: string },
  reached: { host: string; port: string }): string {
  const given = dbname ? expandConninfo(dbname) : {};
  const settings: Record<string, string> = { user: user.option ?? given.user ?? user.fallback };
  if (given.password !== undefined) settings.password = given.password;
  Object.assign(settings, reached);
  for (const [key, value] of Object.entries(given)) {
    if (value === undefined || value === '' || key in settings || ['dbname', 'replication', 'fallback_application_name'].includes(key)) continue;
    settings[key] = value;
  }
  return Object.entries(settings).map(([key, value]) => `${key}=${connValue(value)}`).join(' ');
}
