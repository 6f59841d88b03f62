// initdb runs once per binaries, options and OS user; later builds copy its output, and nothing else differs.
import { readFileSync, writeFileSync } from 'node:fs';
import { chmod, mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findBinaries, requireBinaries } from './binaries';
import { ensureTemplate, freshDataDir } from './initdb-template';
import { giveTo, resolveRunAs } from './os-user';

const binaries = requireBinaries(findBinaries(process.env.PG_BIN));
const runAs = resolveRunAs(undefined);
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pgdemo-initdb-'));
  await chmod(dir, 0o755);
  await giveTo(runAs, dir);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe("initdb's output, cached", () => {
  it('the first build runs initdb and keeps its output; the next copies it, owner and modes included', async () => {
    const cache = join(dir, 'cache');
    expect(await freshDataDir(binaries, join(dir, 'a'), 'postgres', runAs, cache)).toBe('initdb');
    expect(await freshDataDir(binaries, join(dir, 'b'), 'postgres', runAs, cache)).toBe('copied');
    const [a, b] = await Promise.all([stat(join(dir, 'a')), stat(join(dir, 'b'))]);
    expect([b.uid, b.mode]).toEqual([a.uid, a.mode]);
    expect((await readdir(join(dir, 'b'))).sort()).toEqual((await readdir(join(dir, 'a'))).sort());
    expect(readFileSync(join(dir, 'b', 'PG_VERSION'), 'utf8')).toBe(`${binaries.major}\n`);
  });

  it('another superuser (other initdb options) is another template; postinstall\'s ensureTemplate makes it once', async () => {
    const cache = join(dir, 'cache2');
    expect(await ensureTemplate(binaries, 'someone', runAs, cache)).toBe('made');
    expect(await ensureTemplate(binaries, 'someone', runAs, cache)).toBe('present');
    expect(await freshDataDir(binaries, join(dir, 'c'), 'someone', runAs, cache)).toBe('copied');
    expect(await freshDataDir(binaries, join(dir, 'd'), 'postgres', runAs, cache)).toBe('initdb');
  });

  it('a damaged template (no data folder) is not used: initdb runs, and its output replaces it', async () => {
    const cache = join(dir, 'cache3');
    await ensureTemplate(binaries, 'postgres', runAs, cache);
    const [key] = await readdir(cache);
    await rm(join(cache, key!, 'data'), { recursive: true });
    writeFileSync(join(cache, key!, 'complete'), '');
    expect(await freshDataDir(binaries, join(dir, 'e'), 'postgres', runAs, cache)).toBe('initdb');
    expect(readFileSync(join(dir, 'e', 'PG_VERSION'), 'utf8')).toBe(`${binaries.major}\n`);
    expect(await freshDataDir(binaries, join(dir, 'f'), 'postgres', runAs, cache)).toBe('copied');
  });
});
