// Where both servers put their unix sockets: the state folder's run/, unless a socket there would have a longer path
// than a socket may (sun_path: 104 bytes on macOS, 108 on Linux, each with its NUL) — a deep checkout's ./.cluster can
// pass it, and PostgreSQL then refuses to start. The folder then moves to a short one under /tmp, named after the
// state folder (the same one every time: postgresql.conf records it), and status says so. The limit is macOS's on
// every platform, so Linux behaves as a Mac does and CI tests the move.
import { createHash } from 'node:crypto';
import { chmod, lstat, mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { DemoError } from '../../../shared/errors';
import { giveTo, type RunAs } from './os-user';

/** The longest socket path a platform we run on accepts (macOS: sizeof(sun_path) - 1). */
export const SOCKET_PATH_LIMIT = 103;
/** PostgreSQL names a socket after its port: the longest name there can be */
const LONGEST_SOCKET_NAME = '.s.PGSQL.65535';
/** fixed rather than os.tmpdir(): every process that starts or reaches the pair must compute the same folder */
const SHORT_ROOT = '/tmp';

export interface SocketDir {
  path: string;
  /** set when the folder is not the state folder's run/: why, for status */
  moved?: string;
}

export function socketDirOf(stateDir: string): SocketDir {
  const own = join(stateDir, 'run');
  const bytes = Buffer.byteLength(join(own, LONGEST_SOCKET_NAME));
  if (bytes <= SOCKET_PATH_LIMIT) return { path: own };
  const path = join(SHORT_ROOT, `pgdemo-${createHash('sha256').update(resolve(stateDir)).digest('hex').slice(0, 12)}`);
  return {
    path,
    moved: `the servers' unix sockets are in ${path}: in the state folder a socket's path would be ${bytes} bytes, `
      + `more than the ${SOCKET_PATH_LIMIT} a socket path may have`,
  };
}

/**
 * Makes the folder, the server user's and 0700 (pg_hba.conf trusts local connections because nobody else can reach
 * them). A moved folder in /tmp that already exists must be one we made: a directory, not a link, the server user's,
 * open to nobody else — else someone else could listen there, and it is refused.
 */
export async function prepareSocketDir(dir: SocketDir, runAs: RunAs | undefined): Promise<void> {
  if (!dir.moved) {
    await mkdir(dir.path, { recursive: true });
  } else {
    try {
      await mkdir(dir.path, { mode: 0o700 });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const found = await lstat(dir.path);
      const owner = runAs?.uid ?? process.getuid?.();
      if (!found.isDirectory() || found.isSymbolicLink() || found.uid !== owner || (found.mode & 0o077) !== 0) {
        throw new DemoError('INVALID_STATE', `${dir.path} exists but is not a socket folder this cluster made (a 0700 folder of uid ${owner}).`, {
          detail: 'Remove it, or set PGDEMO_CLUSTER_DIR to a shorter path (the state folder\'s run/ is used when a socket path there fits in '
            + `${SOCKET_PATH_LIMIT} bytes).`,
        });
      }
    }
  }
  await giveTo(runAs, dir.path);
  if (((await lstat(dir.path)).mode & 0o777) !== 0o700) await chmod(dir.path, 0o700);
}
