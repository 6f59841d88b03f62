// Reading /proc: the one place that knows its format. The truth about processes, whatever any pid file or earlier
// object believed. A zombie (state Z) is dead: nobody may have reaped it yet (pid 1 here reaps orphans only every
// second or two).
import { readdir, readFile } from 'node:fs/promises';
import { readSmallFile } from './small-file';

export interface ProcInfo {
  pid: number;
  ppid: number;
  /** process group id */
  pgrp: number;
  /** R running, S sleeping, D disk, T stopped (SIGSTOP), t traced, Z zombie */
  state: string;
  comm: string;
}

export function procInfo(pid: number): ProcInfo | null {
  const text = readSmallFile(`/proc/${pid}/stat`);
  if (text === null) return null;
  // "pid (comm) state ppid pgrp ..." — comm may contain spaces and parentheses, so split at the last ')'
  const open = text.indexOf('(');
  const close = text.lastIndexOf(')');
  const [state = '?', ppid = '0', pgrp = '0'] = text.slice(close + 2).split(' ');
  return { pid, ppid: Number(ppid), pgrp: Number(pgrp), state, comm: text.slice(open + 1, close) };
}

export const isLive = (info: ProcInfo | null): info is ProcInfo => info !== null && info.state !== 'Z' && info.state !== 'X';
export const isStopped = (info: ProcInfo | null) => info?.state === 'T' || info?.state === 't';
export const isPostgres = (info: Pick<ProcInfo, 'comm'>) => info.comm === 'postgres' || info.comm === 'postmaster';

async function allPids(): Promise<number[]> {
  return (await readdir('/proc')).filter((e) => /^\d+$/.test(e)).map(Number);
}

const SCAN_SLICE = 64;

/** Every live process on the machine. */
export async function allProcesses(): Promise<ProcInfo[]> {
  const live: ProcInfo[] = [];
  for (const [i, pid] of (await allPids()).entries()) {
    // a desktop's whole process table read synchronously would hold the event loop (a click's run) for milliseconds:
    // read in slices, letting it turn between them
    if (i > 0 && i % SCAN_SLICE === 0) await new Promise(setImmediate);
    const info = procInfo(pid);
    if (isLive(info)) live.push(info);
  }
  return live;
}

export async function childrenOf(pid: number): Promise<number[]> {
  return (await allProcesses()).filter((p) => p.ppid === pid).map((p) => p.pid);
}

/** Live members of a process group. */
export async function processGroupMembers(pgid: number): Promise<number[]> {
  return (await allProcesses()).filter((p) => p.pgrp === pgid).map((p) => p.pid);
}

/** PIDs of every live PostgreSQL server process on this machine (postmasters and their children). */
export async function postgresPids(): Promise<Set<number>> {
  return new Set((await allProcesses()).filter(isPostgres).map((p) => p.pid));
}

export async function commandLine(pid: number): Promise<string[]> {
  try {
    return (await readFile(`/proc/${pid}/cmdline`, 'utf8')).split('\0').filter(Boolean);
  } catch {
    return [];
  }
}

/** Live processes (but us) whose command line contains `text`, with that command line. */
export async function processesWhoseCommandMentions(text: string): Promise<(ProcInfo & { command: string })[]> {
  const found: (ProcInfo & { command: string })[] = [];
  await Promise.all((await allProcesses()).map(async (info) => {
    if (info.pid === process.pid) return;
    const command = (await commandLine(info.pid)).join(' ');
    if (command.includes(text)) found.push({ ...info, command });
  }));
  return found.sort((a, b) => a.pid - b.pid);
}

/**
 * Live processes started with `-D <one of paths>`: a postmaster whose pid file was deleted,
 * or one left running in a data folder that has since been renamed.
 */
export async function processesMentioning(paths: string[]): Promise<ProcInfo[]> {
  const wanted = new Set(paths);
  const found: ProcInfo[] = [];
  await Promise.all((await allProcesses()).map(async (info) => {
    if (info.pid === process.pid) return;
    const args = await commandLine(info.pid);
    if (args.some((arg, i) => wanted.has(arg) && args[i - 1] === '-D')) found.push(info);
  }));
  return found;
}

async function environment(pid: number): Promise<string[]> {
  try {
    return (await readFile(`/proc/${pid}/environ`, 'utf8')).split('\0');
  } catch {
    return []; // gone, or not ours to read
  }
}

/**
 * Live processes (but us) whose environment holds `name=value` exactly: what a shell run started, whatever it did to
 * get away (a new session, a double fork, a changed process group) — the environment is inherited unless cleared.
 */
export async function processesWithEnvironment(name: string, value: (v: string) => boolean): Promise<(ProcInfo & { value: string })[]> {
  const prefix = `${name}=`;
  const found: (ProcInfo & { value: string })[] = [];
  await Promise.all((await allProcesses()).map(async (info) => {
    if (info.pid === process.pid) return;
    const entry = (await environment(info.pid)).find((e) => e.startsWith(prefix));
    if (entry !== undefined && value(entry.slice(prefix.length))) found.push({ ...info, value: entry.slice(prefix.length) });
  }));
  return found.sort((a, b) => a.pid - b.pid);
}

/** SIGCONT then SIGKILL, ignoring processes that are already gone. */
export function killNow(pids: Iterable<number>): void {
  for (const pid of pids) {
    for (const signal of ['SIGCONT', 'SIGKILL'] as const) {
      try {
        process.kill(pid, signal);
      } catch {
        // already gone
      }
    }
  }
}
