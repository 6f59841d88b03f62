// A data folder's copy, as `cp -a` makes it (owners, modes, times; never hard links: PostgreSQL rewrites files in
// place), split into parts that copy side by side. Creating a file costs ~0.3 ms of disk latency on these machines
// (ext4 on a virtual disk; measured with strace: openat is 70 % of a copy), not CPU, so several `cp` at once take
// about the time of one: a fresh data folder (~1,000 files) copies in ~0.3 s instead of ~0.7 s. A fresh pair's build
// copies one four times (initdb's cached output, the standby, the golden copy), reset and the spare twice.
import type { Stats } from 'node:fs';
import { chown, mkdir, readdir, stat, utimes } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { DemoError, isDemoError } from '../../../shared/errors';
import type { FileEntry } from '../future-wal';
import { isRoot } from './os-user';
import { runTool } from './run-tool';

const PARALLEL = 4;
/** folders whose entries are copied one by one (a data folder's databases: most of its files) */
const SPLIT = new Set(['base']);

/** `cp -a` of one part, through the tools' runner (its time bound, its last words as the detail). */
async function cpA(from: string, to: string): Promise<void> {
  // (absolute: the runner starts tools in /)
  await runTool('cp', ['-a', resolve(from), resolve(to)]).catch((err: unknown) => {
    throw new DemoError('OPERATION_FAILED', `Copying ${from} failed.`, { detail: isDemoError(err) ? err.detail : String(err), cause: err });
  });
}

/** `to` made as `from` is: mode, owner (root may give it away; anyone else makes their own), times; `from`'s stats. */
async function mkdirLike(from: string, to: string): Promise<Stats> {
  const source = await stat(from);
  await mkdir(to, { mode: source.mode & 0o7777 });
  if (isRoot()) await chown(to, source.uid, source.gid);
  await setTimes(to, source);
  return source;
}

// (seconds as a number: to the microsecond, not the millisecond)
const setTimes = (path: string, like: Stats) => utimes(path, like.atimeMs / 1000, like.mtimeMs / 1000);

/** The parts' copies, `PARALLEL` at a time; every copy ends before this does, and the first failure is thrown. */
async function copyAll(parts: [string, string][]): Promise<void> {
  let next = 0;
  let failure: unknown;
  const worker = async () => {
    while (next < parts.length && failure === undefined) {
      const [from, to] = parts[next++]!;
      await cpA(from, to).catch((err: unknown) => { failure ??= err; });
    }
  };
  await Promise.all(Array.from({ length: PARALLEL }, worker));
  if (failure !== undefined) throw failure;
}

/** Copies the folder `from` to `to`, which must not exist yet. */
export async function copyDir(from: string, to: string): Promise<void> {
  const top = await mkdirLike(from, to).catch((err: NodeJS.ErrnoException) => {
    throw new DemoError('OPERATION_FAILED', `Copying ${from} failed: ${err.code === 'EEXIST' ? `${to} already exists` : err.message}.`);
  });
  // the databases (most of the files) first, so the copies end together
  const databases: [string, string][] = [];
  const rest: [string, string][] = [];
  const folders: [string, Stats][] = [[to, top]];
  for (const entry of await readdir(from, { withFileTypes: true })) {
    const [source, target] = [join(from, entry.name), join(to, entry.name)];
    if (!entry.isDirectory() || !SPLIT.has(entry.name)) {
      rest.push([source, target]);
      continue;
    }
    folders.push([target, await mkdirLike(source, target)]);
    for (const inner of await readdir(source)) databases.push([join(source, inner), join(target, inner)]);
  }
  await copyAll([...databases, ...rest]);
  // a folder's time changed as its entries were created in it: set again, as cp -a leaves it
  for (const [folder, like] of folders) await setTimes(folder, like);
}

/** The regular files directly in `dir`, with their sizes. */
export async function filesIn(dir: string): Promise<FileEntry[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  return Promise.all(entries.filter((e) => e.isFile())
    .map(async (e) => ({ name: e.name, size: (await stat(join(dir, e.name))).size })));
}
