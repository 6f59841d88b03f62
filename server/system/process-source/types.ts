// What a process source gives: the process table as facts, read from wherever this machine keeps them (/proc on
// Linux, `ps` elsewhere). proc.ts picks one and builds every question the project asks on these primitives.

export interface ProcInfo {
  pid: number;
  ppid: number;
  /** process group id */
  pgrp: number;
  /** the first letter of the state: R running, S/I sleeping, D/U disk, T stopped (SIGSTOP), t traced, Z zombie */
  state: string;
  /** the executable's name as the kernel keeps it (15 or 16 characters at most), not the changeable argv[0] */
  comm: string;
}

export type WithCommand = ProcInfo & {
  /** the command line, its arguments joined by spaces */
  command: string;
};

export type WithValue = ProcInfo & { value: string };

export interface ProcessSource {
  readonly kind: 'proc' | 'ps';
  /** One process as it is now (a zombie too), or null when there is none. */
  info(pid: number): Promise<ProcInfo | null>;
  /** Every process on the machine (zombies too). */
  list(): Promise<ProcInfo[]>;
  /** Every process with its command line. */
  listWithCommands(): Promise<WithCommand[]>;
  /** One process's command line, '' when it is gone or hidden. */
  commandLine(pid: number): Promise<string>;
  /** Every process whose environment (as it was started) sets `name`, with that value. */
  listWithEnvironment(name: string): Promise<WithValue[]>;
  /**
   * What this source cannot see on this machine: one sentence per feature that is then limited, for status and
   * `pgdemo cluster status`. Empty when nothing is.
   */
  limits(): Promise<string[]>;
}
