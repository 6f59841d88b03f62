// Process-level primitives for one server: read its pid file, start it, signal it, freeze and thaw it.
// Every PostgreSQL child calls setsid(), so signals go to the postmaster and to each child by pid, never to a group.
import { execFile, spawn } from 'node:child_process';
import { closeSync, fchownSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { DemoError } from '../../../shared/errors';
import type { ProcessState } from '../../../shared/types';
import { pollUntil } from '../poll';
import type { ProblemLog } from '../problem-log';
import type { RunAs } from './os-user';
import { childrenOf, isLive, isPostgres, isStopped, procInfo, processesMentioning } from '../../system/proc';
import { readSmallFile } from '../../system/small-file';
import { tailOf } from './run-tool';

export interface PidFile {
  pid: number;
  port: number | null;
  /** SysV shared memory id, to release it after a SIGKILL */
  shmId: number | null;
  /** "starting", "stopping", "ready" or "standby" */
  status: string;
}

export function readPidFile(dataDir: string): PidFile | null {
  const text = readSmallFile(join(dataDir, 'postmaster.pid'));
  if (text === null) return null;
  const lines = text.split('\n');
  const pid = Number(lines[0]);
  if (!Number.isInteger(pid) || pid <= 0) return null;
  const shm = (lines[6] ?? '').trim().split(/\s+/)[1];
  return {
    pid,
    port: lines[3] ? Number(lines[3]) : null,
    shmId: shm ? Number(shm) : null,
    status: (lines[7] ?? '').trim(),
  };
}

export interface Postmaster {
  state: ProcessState;
  /** null when stopped */
  pid: number | null;
  /** true when the pid file is gone but a postmaster still runs in the folder */
  stray?: boolean;
}

/** The live postmaster of `dataDir`, from its pid file — or, when that is missing, from the process table. */
export async function findPostmaster(dataDir: string): Promise<Postmaster> {
  const pidFile = readPidFile(dataDir);
  if (pidFile) {
    const info = await procInfo(pidFile.pid);
    if (isLive(info) && isPostgres(info)) {
      return { state: isStopped(info) ? 'frozen' : 'running', pid: info.pid };
    }
  }
  const strays = (await processesMentioning([dataDir])).filter(isPostgres);
  const stray = strays[0];
  if (!stray) return { state: 'stopped', pid: null };
  return { state: isStopped(stray) ? 'frozen' : 'running', pid: stray.pid, stray: true };
}

export interface StartOptions {
  binDir: string;
  dataDir: string;
  port: number;
  logFile: string;
  runAs?: RunAs;
  timeoutMs?: number;
}

/**
 * Spawns `postgres -D <dir>` detached (it outlives us, like pg_ctl's) with PGPORT in its environment — the port
 * lives nowhere in the data folder, so config files copied by pg_rewind cannot move it. Resolves when the pid file
 * says the server accepts connections; polls every 10 ms instead of pg_ctl's 100 ms.
 */
export async function startPostmaster(options: StartOptions): Promise<number> {
  const log = openSync(options.logFile, 'a', 0o644);
  // the shell demos (run as the server user) read these logs; keep them the server user's
  if (options.runAs) fchownSync(log, options.runAs.uid, options.runAs.gid);
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, LANG: 'C.UTF-8', PGPORT: String(options.port) };
  let exited = '';
  const child = spawn(join(options.binDir, 'postgres'), ['-D', options.dataDir], {
    detached: true,
    stdio: ['ignore', log, log],
    env,
    uid: options.runAs?.uid,
    gid: options.runAs?.gid,
  });
  closeSync(log);
  child.on('error', (err) => (exited = err.message));
  child.on('exit', (code, signal) => (exited = `exit code ${code ?? signal}`));
  child.unref();
  try {
    await pollUntil(async () => {
      if (exited) throw new DemoError('OPERATION_FAILED', 'exited');
      const pidFile = readPidFile(options.dataDir);
      return pidFile !== null && pidFile.pid === child.pid && (pidFile.status === 'ready' || pidFile.status === 'standby');
    }, { timeoutMs: options.timeoutMs ?? 60_000, intervalMs: 10, what: `the server in ${options.dataDir} to start` });
  } catch (err) {
    const why = exited ? `postgres ${exited}` : (err as Error).message;
    throw new DemoError('OPERATION_FAILED', `The server in ${options.dataDir} did not start (${why}).`, {
      detail: await tailOf(options.logFile, 12), cause: err,
    });
  }
  return child.pid!;
}

export function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch {
    // already gone
  }
}

export async function waitForExit(pids: number[], timeoutMs: number): Promise<boolean> {
  try {
    await pollUntil(async () => {
      const infos = await Promise.all(pids.map(procInfo));
      return infos.every((info) => !isLive(info));
    }, { timeoutMs, intervalMs: 10, what: 'server processes to exit' });
    return true;
  } catch {
    return false;
  }
}

/** SIGSTOP the postmaster first (so it cannot fork or restart children), then every child. */
export async function freezeProcesses(pid: number): Promise<number[]> {
  signal(pid, 'SIGSTOP');
  const stopped = new Set<number>([pid]);
  // a child forked just before the postmaster stopped shows up on the second pass
  for (let pass = 0; pass < 2; pass++) {
    for (const child of await childrenOf(pid)) {
      if (!stopped.has(child)) signal(child, 'SIGSTOP');
      stopped.add(child);
    }
  }
  const pids = [...stopped];
  await pollUntil(async () => (await Promise.all(pids.map(procInfo))).every((i) => !isLive(i) || isStopped(i)),
    { timeoutMs: 3_000, intervalMs: 5, what: 'every server process to stop' });
  return pids;
}

/** SIGCONT every child first, the postmaster last (so it never sees a child it thinks is hung). */
export async function thawProcesses(pid: number): Promise<void> {
  for (const child of await childrenOf(pid)) signal(child, 'SIGCONT');
  signal(pid, 'SIGCONT');
}

export type StopMode = 'fast' | 'immediate';

/**
 * Stops the postmaster with a shutdown signal and waits for it to exit. A fast shutdown can wait a long time for a
 * walsender whose standby does not answer: after `fastTimeoutMs` it is escalated to immediate, then to SIGKILL.
 * Returns what it took.
 */
export async function stopPostmaster(
  dataDir: string,
  pid: number,
  mode: StopMode,
  fastTimeoutMs = 15_000,
  problems?: ProblemLog,
): Promise<'fast' | 'immediate' | 'killed'> {
  const children = await childrenOf(pid);
  if (mode === 'fast') {
    signal(pid, 'SIGINT');
    if (await waitForExit([pid], fastTimeoutMs)) return 'fast';
  }
  signal(pid, 'SIGQUIT');
  if (await waitForExit([pid], 5_000)) return 'immediate';
  await killHard(dataDir, [pid, ...children], problems);
  return 'killed';
}

/** SIGCONT + SIGKILL, for processes that are frozen, hung or not ours to ask nicely. */
export async function killHard(dataDir: string | null, pids: number[], problems?: ProblemLog): Promise<void> {
  const pidFile = dataDir ? readPidFile(dataDir) : null;
  const all = new Set(pids);
  for (const pid of pids) for (const child of await childrenOf(pid)) all.add(child);
  for (const pid of all) {
    signal(pid, 'SIGCONT');
    signal(pid, 'SIGKILL');
  }
  await waitForExit([...all], 5_000);
  // a SIGKILLed postmaster cannot remove its SysV segment; the next start would not find it in a fresh folder
  if (pidFile?.shmId && all.has(pidFile.pid)) {
    const failure = await releaseSharedMemory(pidFile.shmId);
    if (failure) problems?.report(`shm ${pidFile.shmId}`, `the shared memory segment ${pidFile.shmId} of a killed server in ${dataDir} could not be removed (${failure}); \`ipcrm -m ${pidFile.shmId}\` frees it`);
    else problems?.resolve(`shm ${pidFile.shmId}`);
  }
}

/** null when the segment is gone (removed now, or already); otherwise what ipcrm said. */
export function releaseSharedMemory(shmId: number): Promise<string | null> {
  return new Promise((resolve) => execFile('ipcrm', ['-m', String(shmId)], (err, _stdout, stderr) => {
    if (!err) return resolve(null);
    // "invalid id": the segment is already gone (its last user detached and it was marked for removal)
    if (/invalid id/i.test(stderr)) return resolve(null);
    resolve(stderr.trim() || err.message);
  }));
}

