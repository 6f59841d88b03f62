// The process table: the truth about processes, whatever any pid file or earlier object believed. Every module asks
// here, never /proc or ps itself. Two sources behind one interface (process-source/): /proc where there is one
// (Linux), `ps` where there is not (macOS); PGDEMO_PROCESS_SOURCE=proc|ps chooses (CI runs part of the suite on ps).
// A zombie (state Z) is dead: nobody may have reaped it yet (pid 1 here reaps orphans only every second or two).
import { existsSync } from 'node:fs';
import { DemoError } from '../../shared/errors';
import { PROC_ROOT, procfsSource } from './process-source/procfs-source';
import { psSource } from './process-source/ps-source';
import type { ProcessSource, ProcInfo, WithCommand, WithValue } from './process-source/types';

export type { ProcInfo } from './process-source/types';

const SOURCES: Record<ProcessSource['kind'], () => ProcessSource> = { proc: () => procfsSource, ps: () => psSource() };

/** /proc when this machine has it, else ps. */
const machineDefault = (): ProcessSource => (existsSync(`${PROC_ROOT}/self/stat`) ? procfsSource : psSource());

/** The source PGDEMO_PROCESS_SOURCE names, else the machine's default. */
export function chooseProcessSource(wanted = process.env.PGDEMO_PROCESS_SOURCE): ProcessSource {
  if (!wanted) return machineDefault();
  const make = SOURCES[wanted as ProcessSource['kind']];
  if (!make) {
    throw new DemoError('BAD_REQUEST', `PGDEMO_PROCESS_SOURCE=${wanted} is not one of: ${Object.keys(SOURCES).join(', ')}.`);
  }
  return make();
}

export const isLive = (info: ProcInfo | null): info is ProcInfo => info !== null && info.state !== 'Z' && info.state !== 'X';
export const isStopped = (info: ProcInfo | null) => info?.state === 'T' || info?.state === 't';
export const isPostgres = (info: Pick<ProcInfo, 'comm'>) => info.comm === 'postgres' || info.comm === 'postmaster';

/** `… -D <path>` with nothing after the path but the next argument: the server of that data folder. */
function startedIn(command: string, path: string): boolean {
  const needle = ` -D ${path}`;
  for (let at = command.indexOf(needle); at >= 0; at = command.indexOf(needle, at + 1)) {
    const after = command[at + needle.length];
    if (after === undefined || after === ' ') return true;
  }
  return false;
}

/** Every question the project asks about processes, answered from one source. */
export function processTable(source: ProcessSource) {
  const others = <T extends ProcInfo>(list: T[]) => list.filter((p) => isLive(p) && p.pid !== process.pid);
  const allProcesses = async () => (await source.list()).filter(isLive);
  return {
    source,
    /** One process as it is now (a zombie too), or null. */
    procInfo: (pid: number): Promise<ProcInfo | null> => source.info(pid),
    /** Every live process on the machine. */
    allProcesses,
    childrenOf: async (pid: number) => (await allProcesses()).filter((p) => p.ppid === pid).map((p) => p.pid),
    /** Live members of a process group. */
    processGroupMembers: async (pgid: number) => (await allProcesses()).filter((p) => p.pgrp === pgid).map((p) => p.pid),
    /** PIDs of every live PostgreSQL server process on this machine (postmasters and their children). */
    postgresPids: async () => new Set((await allProcesses()).filter(isPostgres).map((p) => p.pid)),
    /** Its arguments joined by spaces; '' when it is gone. */
    commandLine: (pid: number): Promise<string> => source.commandLine(pid),
    /** Live processes (but us) whose command line contains `text`, with that command line. */
    async processesWhoseCommandMentions(text: string): Promise<WithCommand[]> {
      return others(await source.listWithCommands()).filter((p) => p.command.includes(text)).sort((a, b) => a.pid - b.pid);
    },
    /**
     * Live processes started with `-D <one of paths>`: a postmaster whose pid file was deleted, or one left running in
     * a data folder that has since been renamed.
     */
    async processesMentioning(paths: string[]): Promise<ProcInfo[]> {
      return others(await source.listWithCommands()).filter((p) => paths.some((path) => startedIn(p.command, path)));
    },
    /**
     * Live processes (but us) whose environment holds `name=value` with `value(v)` true: what a shell run started,
     * whatever it did to get away (a new session, a double fork, a changed process group) — the environment is
     * inherited unless cleared.
     */
    async processesWithEnvironment(name: string, value: (v: string) => boolean): Promise<WithValue[]> {
      return others(await source.listWithEnvironment(name)).filter((p) => value(p.value)).sort((a, b) => a.pid - b.pid);
    },
  };
}

const chosen = processTable(chooseProcessSource());

export const {
  procInfo, allProcesses, childrenOf, processGroupMembers, postgresPids, commandLine, processesWhoseCommandMentions,
  processesMentioning, processesWithEnvironment,
} = chosen;

/**
 * For tests: the machine's own source (/proc on Linux), whatever PGDEMO_PROCESS_SOURCE chose for the code under test,
 * so a run forced onto ps is observed through /proc and a process ps missed cannot pass for gone.
 */
export const referenceTable = processTable(machineDefault());

/**
 * What status says about process facts on this machine: where they come from when that is not /proc, and each
 * feature the source limits here.
 */
export async function processFactNotes(): Promise<string[]> {
  if (chosen.source.kind === 'proc') return [];
  const why = process.env.PGDEMO_PROCESS_SOURCE ? `PGDEMO_PROCESS_SOURCE=${process.env.PGDEMO_PROCESS_SOURCE}` : 'no /proc here';
  return [`process facts come from ps (${why})`, ...await chosen.source.limits()];
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
