// One node's process lifecycle in the cluster's terms: start, stop, freeze, thaw, and "make sure nothing runs
// here" (for reset and down), including leftovers whose pid files are gone.
import { existsSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { DemoError } from '../../../shared/errors';
import type { NodeName } from '../../../shared/types';
import { portOf, type EmbeddedContext } from './context';
import {
  findPostmaster, freezeProcesses, killHard, readPidFile, signal, startPostmaster, stopPostmaster, thawProcesses,
  waitForExit, type StopMode,
} from './postmaster';
import { isLive, procInfo, processesMentioning } from '../../system/proc';
import { prepareSocketDir } from './socket-dir';

export function dataDirExists(dataDir: string): boolean {
  return existsSync(join(dataDir, 'PG_VERSION')) && existsSync(join(dataDir, 'global', 'pg_control'));
}

/**
 * A postmaster killed with SIGKILL leaves postmaster.pid and the socket lock file behind. PostgreSQL removes them
 * itself when their pid is gone — but not while that pid is an unreaped zombie, so we do it.
 */
async function removeStaleLockFiles(ctx: EmbeddedContext, node: NodeName): Promise<void> {
  const dataDir = ctx.layout.dataDir(node);
  const pidFile = readPidFile(dataDir);
  if (pidFile && !isLive(await procInfo(pidFile.pid))) await rm(join(dataDir, 'postmaster.pid'), { force: true });
  const socket = join(ctx.layout.runDir, `.s.PGSQL.${portOf(ctx.ports, node)}`);
  let lockPid = NaN;
  try {
    lockPid = Number((await readFile(`${socket}.lock`, 'utf8')).split('\n')[0]);
  } catch {
    return;
  }
  if (Number.isInteger(lockPid) && isLive(await procInfo(lockPid))) return;
  await rm(`${socket}.lock`, { force: true });
  await rm(socket, { force: true });
}

export async function startNode(ctx: EmbeddedContext, node: NodeName): Promise<void> {
  const dataDir = ctx.layout.dataDir(node);
  if (!dataDirExists(dataDir)) {
    throw new DemoError('INVALID_STATE', `${node} has no usable data folder; reset the cluster or rebuild the node.`);
  }
  // a socket folder moved to /tmp may be gone since the pair was built (a reboot, the system's /tmp cleaning)
  if (ctx.layout.socketDir.moved) await prepareSocketDir(ctx.layout.socketDir, ctx.runAs);
  await removeStaleLockFiles(ctx, node);
  await startPostmaster({
    binDir: ctx.binaries.binDir, dataDir, port: portOf(ctx.ports, node), logFile: ctx.layout.logFile(node), runAs: ctx.runAs,
  });
}

/** Stops a node (thawing it first if frozen). Returns how it stopped, or null when it was not running. */
export async function stopNode(ctx: EmbeddedContext, node: NodeName, mode: StopMode): Promise<string | null> {
  const dataDir = ctx.layout.dataDir(node);
  const pm = await findPostmaster(dataDir);
  if (pm.pid === null) return null;
  if (pm.state === 'frozen') await thawProcesses(pm.pid);
  const how = await stopPostmaster(dataDir, pm.pid, mode, undefined, ctx.problems);
  await removeStaleLockFiles(ctx, node);
  return how;
}

export async function freezeNode(ctx: EmbeddedContext, node: NodeName): Promise<number> {
  const pm = await findPostmaster(ctx.layout.dataDir(node));
  if (pm.pid === null) throw new DemoError('NODE_DOWN', `${node} is not running, so there is nothing to freeze.`);
  if (pm.state === 'frozen') return 0;
  return (await freezeProcesses(pm.pid)).length;
}

export async function thawNode(ctx: EmbeddedContext, node: NodeName): Promise<boolean> {
  const pm = await findPostmaster(ctx.layout.dataDir(node));
  if (pm.pid === null) throw new DemoError('NODE_DOWN', `${node} is not running, so there is nothing to thaw.`);
  if (pm.state !== 'frozen') return false;
  await thawProcesses(pm.pid);
  return true;
}

/**
 * Nothing of `nodes` may run afterwards, whatever state they were in: frozen ones are thawed, live ones get an
 * immediate shutdown (which cleans up shared memory), and what does not exit within a second is SIGKILLed —
 * including postmasters found only by their command line (pid file deleted, folder renamed).
 */
export async function killNodes(ctx: EmbeddedContext, nodes: readonly NodeName[]): Promise<void> {
  const dataDirs = nodes.map((n) => ctx.layout.dataDir(n));
  await Promise.all(nodes.map(async (node) => {
    const dataDir = ctx.layout.dataDir(node);
    const pm = await findPostmaster(dataDir);
    if (pm.pid === null) return;
    if (pm.state === 'frozen') await thawProcesses(pm.pid);
    signal(pm.pid, 'SIGQUIT');
    if (!(await waitForExit([pm.pid], 1_000))) await killHard(dataDir, [pm.pid], ctx.problems);
  }));
  const leftovers = (await processesMentioning(dataDirs)).filter((p) => p.comm === 'postgres');
  if (leftovers.length) await killHard(null, leftovers.map((p) => p.pid));
  await Promise.all(nodes.map((node) => removeStaleLockFiles(ctx, node)));
}
