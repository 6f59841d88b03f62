// PostgreSQL refuses to run as root. When the sidecar is root, every server process and PG tool runs as a plain
// OS user (`postgres` unless PGDEMO_OS_USER says otherwise); otherwise they run as whoever we are.
import { execFileSync, spawnSync } from 'node:child_process';
import { chown, stat } from 'node:fs/promises';
import { DemoError } from '../../../shared/errors';

export interface RunAs {
  user: string;
  uid: number;
  gid: number;
}

export const isRoot = () => process.getuid?.() === 0;

/** undefined = run as the current user (we are not root). */
export function resolveRunAs(user: string | undefined): RunAs | undefined {
  if (!isRoot()) return undefined;
  const name = user || process.env.PGDEMO_OS_USER || 'postgres';
  try {
    const id = (flag: string) => Number(execFileSync('id', [flag, name], { encoding: 'utf8', stdio: 'pipe' }).trim());
    return { user: name, uid: id('-u'), gid: id('-g') };
  } catch (err) {
    throw new DemoError('INVALID_STATE', `PostgreSQL cannot run as root, and the OS user "${name}" does not exist.`, {
      detail: 'Create it (e.g. apt-get install postgresql creates "postgres") or set PGDEMO_OS_USER to another user.',
      cause: err,
    });
  }
}

/**
 * Hands a path we created to the server user (no-op when not root, or when it is the user's already: a chown that
 * changes nothing still writes the inode, and every reset's folder check then queued behind a background copy's
 * writes for 0.1-0.4 s on these disks).
 */
export async function giveTo(runAs: RunAs | undefined, ...paths: string[]): Promise<void> {
  if (!runAs) return;
  await Promise.all(paths.map(async (path) => {
    const owner = await stat(path);
    if (owner.uid !== runAs.uid || owner.gid !== runAs.gid) await chown(path, runAs.uid, runAs.gid);
  }));
}

/** Fails with a clear message when the server user cannot write into `dir` (e.g. a parent folder is 0700). */
export function assertReachable(runAs: RunAs | undefined, dir: string): void {
  if (!runAs) return;
  const probe = spawnSync('test', ['-w', dir], { uid: runAs.uid, gid: runAs.gid, stdio: 'ignore' });
  if (probe.status === 0) return;
  throw new DemoError('INVALID_STATE', `The OS user "${runAs.user}" that runs PostgreSQL cannot reach ${dir}.`, {
    detail: 'A parent folder is probably not traversable for that user. Set PGDEMO_CLUSTER_DIR to a folder it can '
      + 'reach, e.g. PGDEMO_CLUSTER_DIR=/tmp/pgdemo-cluster.',
  });
}
