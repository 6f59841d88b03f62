import { readdir, readFile } from 'node:fs/promises';

/** PIDs of every running PostgreSQL server process on this machine (postmasters and their children). */
export async function postgresPids(): Promise<Set<number>> {
  const pids = new Set<number>();
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const comm = (await readFile(`/proc/${entry}/comm`, 'utf8')).trim();
      if (comm === 'postgres' || comm === 'postmaster') pids.add(Number(entry));
    } catch {
      // the process ended while we looked
    }
  }
  return pids;
}

export async function commandLine(pid: number): Promise<string> {
  try {
    return (await readFile(`/proc/${pid}/cmdline`, 'utf8')).replaceAll('\0', ' ').trim();
  } catch {
    return '';
  }
}
