// copyDir must make what `cp -a` makes — every file, byte for byte, with its mode, owner and times, symlinks as
// symlinks — though it copies in parallel parts, and must refuse to copy over a folder that exists.
import { randomBytes } from 'node:crypto';
import { chmod, lchown, lstat, mkdir, mkdtemp, readdir, readFile, readlink, rm, symlink, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyDir } from './copy-dir';
import { isRoot, resolveRunAs } from './os-user';

let root: string;
let source: string;

/** path → what cp -a keeps of it (times to the millisecond: a folder's are set through a double, in seconds) */
async function describeTree(dir: string): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  const walk = async (path: string) => {
    const st = await lstat(path);
    const what = st.isSymbolicLink() ? `-> ${await readlink(path)}`
      : st.isDirectory() ? 'dir' : (await readFile(path)).toString('base64');
    out[relative(dir, path) || '.'] = { what, mode: st.mode, uid: st.uid, gid: st.gid, ...(st.isSymbolicLink() ? {} : { mtime: Math.round(st.mtimeMs) }) };
    if (st.isDirectory()) for (const entry of await readdir(path)) await walk(join(path, entry));
  };
  await walk(dir);
  return out;
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'pgdemo-copy-'));
  source = join(root, 'data');
  // a data folder's shape: databases under base/, other folders, files at the top, a tablespace symlink
  for (const dir of ['base/1', 'base/4', 'base/5', 'global', 'pg_wal/archive_status', 'pg_tblspc', 'pg_notify']) {
    await mkdir(join(source, dir), { recursive: true });
  }
  for (const [i, db] of ['1', '4', '5'].entries()) {
    for (let f = 0; f < 40; f++) await writeFile(join(source, 'base', db, String(1000 + f)), randomBytes(100 * (f + i + 1)));
  }
  await writeFile(join(source, 'pg_wal', '000000010000000000000001'), randomBytes(1 << 20));
  await writeFile(join(source, 'global', 'pg_control'), randomBytes(8192));
  await writeFile(join(source, 'PG_VERSION'), '15\n');
  await symlink('/nonexistent/tablespace', join(source, 'pg_tblspc', '16384'));
  await chmod(join(source, 'base', '4', '1003'), 0o640);
  await utimes(join(source, 'base'), new Date('2020-01-02T03:04:05Z'), new Date('2020-01-02T03:04:05Z'));
  // owned by the server's user, as a data folder is (when the tests can give it away)
  const runAs = isRoot() ? resolveRunAs(undefined) : undefined;
  if (runAs) {
    const all = Object.keys(await describeTree(source)).map((p) => join(source, p));
    for (const path of all) await lchown(path, runAs.uid, runAs.gid);
  }
  await chmod(source, 0o700);
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('copyDir', () => {
  it('makes what cp -a makes: contents, modes, owners, times, symlinks', async () => {
    const target = join(root, 'copy');
    await copyDir(source, target);
    expect(await describeTree(target)).toEqual(await describeTree(source));
  });

  it('refuses a target that exists, and leaves it as it was', async () => {
    const target = join(root, 'taken');
    await mkdir(target);
    await writeFile(join(target, 'keep'), 'mine');
    await expect(copyDir(source, target)).rejects.toThrow(/already exists/);
    expect(await readdir(target)).toEqual(['keep']);
  });

  it('says which folder could not be copied', async () => {
    await expect(copyDir(join(root, 'missing'), join(root, 'copy-of-missing'))).rejects.toThrow(/Copying .*missing failed/);
  });
});
