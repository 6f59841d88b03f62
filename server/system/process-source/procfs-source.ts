// The process table read from /proc (Linux): the one place that knows its format. Per-process reads of
// /proc/<pid>/stat are synchronous (small-file.ts says why); a scan of the whole table yields to the event loop
// between slices.
import { readdir, readFile, readlink } from 'node:fs/promises';
import { readSmallFile } from '../small-file';
import type { ProcessSource, ProcInfo, WithCommand, WithValue } from './types';

export const PROC_ROOT = '/proc';

function statOf(pid: number): ProcInfo | null {
  const text = readSmallFile(`${PROC_ROOT}/${pid}/stat`);
  if (text === null) return null;
  // "pid (comm) state ppid pgrp ..." — comm may contain spaces and parentheses, so split at the last ')'
  const open = text.indexOf('(');
  const close = text.lastIndexOf(')');
  const [state = '?', ppid = '0', pgrp = '0'] = text.slice(close + 2).split(' ');
  return { pid, ppid: Number(ppid), pgrp: Number(pgrp), state, comm: text.slice(open + 1, close) };
}

async function allPids(): Promise<number[]> {
  return (await readdir(PROC_ROOT)).filter((e) => /^\d+$/.test(e)).map(Number);
}

const SCAN_SLICE = 64;

async function list(): Promise<ProcInfo[]> {
  const found: ProcInfo[] = [];
  for (const [i, pid] of (await allPids()).entries()) {
    // a desktop's whole process table read synchronously would hold the event loop (a click's run) for milliseconds:
    // read in slices, letting it turn between them
    if (i > 0 && i % SCAN_SLICE === 0) await new Promise(setImmediate);
    const info = statOf(pid);
    if (info) found.push(info);
  }
  return found;
}

/** The NUL-separated strings of /proc/<pid>/<file>; [] when gone or not ours to read. */
async function nulSeparated(pid: number, file: 'cmdline' | 'environ'): Promise<string[]> {
  try {
    return (await readFile(`${PROC_ROOT}/${pid}/${file}`, 'utf8')).split('\0').filter(Boolean);
  } catch {
    return [];
  }
}

async function commandLine(pid: number): Promise<string> {
  return (await nulSeparated(pid, 'cmdline')).join(' ');
}

export const procfsSource: ProcessSource = {
  kind: 'proc',
  info: async (pid) => statOf(pid),
  list,
  async listWithCommands(): Promise<WithCommand[]> {
    return Promise.all((await list()).map(async (info) => ({ ...info, command: await commandLine(info.pid) })));
  },
  commandLine,
  async listWithEnvironment(name: string): Promise<WithValue[]> {
    const prefix = `${name}=`;
    const found: WithValue[] = [];
    await Promise.all((await list()).map(async (info) => {
      const entry = (await nulSeparated(info.pid, 'environ')).find((e) => e.startsWith(prefix));
      if (entry !== undefined) found.push({ ...info, value: entry.slice(prefix.length) });
    }));
    return found;
  },
  limits: async () => [],
};

/** What a process's file descriptor points at (Linux only, for tests: no other source has it). */
export function openFileOf(pid: number, fd: number): Promise<string> {
  return readlink(`${PROC_ROOT}/${pid}/fd/${fd}`);
}
