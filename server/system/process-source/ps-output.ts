// Reading `ps` output: the one place that knows its format. Only what procps (Linux) and BSD ps (macOS) both print
// the same way is asked for (`-A -ww -o pid=,ppid=,pgid=,stat=,ucomm=`, `-o pid=,command=`): numbers right-aligned
// in columns, empty headers (so no header line), the last column to the end of the line (so a name or a command line
// with spaces stays whole).
import type { ProcInfo } from './types';

export const PROCESS_COLUMNS = 'pid=,ppid=,pgid=,stat=,ucomm=';
export const COMMAND_COLUMNS = 'pid=,command=';

const PROCESS_LINE = /^\s*(\d+)\s+(\d+)\s+(\d+)\s+(\S+)(?:\s(.*))?$/;
const COMMAND_LINE = /^\s*(\d+)(?:\s(.*))?$/;

/** `ps -o pid=,ppid=,pgid=,stat=,ucomm=` → one ProcInfo a line; lines of another shape are skipped. */
export function parseProcessLines(text: string): ProcInfo[] {
  const found: ProcInfo[] = [];
  for (const line of text.split('\n')) {
    const m = PROCESS_LINE.exec(line);
    if (!m) continue;
    // BSD ps pads ucomm to its width (16) even as the last column
    found.push({ pid: Number(m[1]), ppid: Number(m[2]), pgrp: Number(m[3]), state: m[4]![0]!, comm: (m[5] ?? '').trim() });
  }
  return found;
}

/** `ps -o pid=,command=` (with or without the environment after the command) → pid → the rest of its line. */
export function parseCommandLines(text: string): Map<number, string> {
  const found = new Map<number, string>();
  for (const line of text.split('\n')) {
    const m = COMMAND_LINE.exec(line);
    if (m) found.set(Number(m[1]), (m[2] ?? '').trimStart());
  }
  return found;
}

/**
 * The value of `name` in a command line that `ps` printed with the environment after it (procps `e`, BSD `-E`): the
 * strings are joined by spaces there, so a value runs to the next ` NAME=` or the end. The last occurrence is taken:
 * the environment comes after the arguments.
 */
export function environmentValue(line: string, name: string): string | null {
  const at = line.lastIndexOf(` ${name}=`);
  if (at < 0) return null;
  const rest = line.slice(at + name.length + 2);
  const next = rest.search(/ [A-Za-z_][A-Za-z0-9_]*=/);
  return next < 0 ? rest : rest.slice(0, next);
}
