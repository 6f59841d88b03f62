import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { compiledEntry } from './compiled-entry.mjs';

const dir = mkdtempSync(join(tmpdir(), 'pgdemo-compiled-'));
const cache = join(dir, 'cache');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const runNode = (file: string) => execFileSync(process.execPath, [file], { encoding: 'utf8' });

describe('a TypeScript entry compiled into one module', () => {
  const entry = join(dir, 'entry.ts');
  const part = join(dir, 'part.ts');
  writeFileSync(entry, "import { where, word } from './part.ts';\nconst n: number = 1;\nconsole.log(word, n, where, import.meta.url);\n");
  writeFileSync(part, "export const word = 'first';\nexport const where = import.meta.url;\n");

  it('runs, and each module keeps its own import.meta.url (the sources find their files by it)', async () => {
    const out = runNode(await compiledEntry(entry, { cacheDir: cache }));
    expect(out).toBe(`first 1 ${pathToFileURL(part).href} ${pathToFileURL(entry).href}\n`);
  });

  it('is also built as a CommonJS module, beside the ES one (the tool substitutes run from one)', async () => {
    const file = await compiledEntry(entry, { cacheDir: cache, format: 'cjs' });
    expect(file).toMatch(/\.cjs$/);
    expect(runNode(file)).toBe(`first 1 ${pathToFileURL(part).href} ${pathToFileURL(entry).href}\n`);
    expect(await compiledEntry(entry, { cacheDir: cache })).toMatch(/\.mjs$/);
  });

  it('is reused while its sources are unchanged, and rebuilt when one of them changes', async () => {
    const file = await compiledEntry(entry, { cacheDir: cache });
    const built = execFileSync('stat', ['-c', '%Y.%y', file], { encoding: 'utf8' });
    expect(await compiledEntry(entry, { cacheDir: cache })).toBe(file);
    expect(execFileSync('stat', ['-c', '%Y.%y', file], { encoding: 'utf8' })).toBe(built);

    writeFileSync(part, "export const word = 'second';\nexport const where = import.meta.url;\n");
    utimesSync(part, new Date(), new Date(Date.now() + 5_000)); // a new mtime even within the clock's resolution
    expect(runNode(await compiledEntry(entry, { cacheDir: cache }))).toMatch(/^second 1 /);
  });

  it('is built again when its module went missing, though its sources did not change', async () => {
    const file = await compiledEntry(entry, { cacheDir: cache });
    rmSync(file);
    expect(runNode(await compiledEntry(entry, { cacheDir: cache }))).toMatch(/^second 1 /);
  });

  it('holds the packages it imports at the top, and leaves those it imports when used in node_modules', async () => {
    // inside the project, where its packages resolve
    const project = mkdtempSync(join(fileURLToPath(new URL('../../node_modules/.cache/', import.meta.url)), 'compiled-test-'));
    try {
      const withPackages = join(project, 'packages.ts');
      writeFileSync(withPackages, "import { Command } from 'commander';\n"
        + "console.log(typeof new Command('x').parse, typeof (await import('yaml')).parse);\n");
      const file = await compiledEntry(withPackages, { cacheDir: join(project, 'cache') });
      expect(runNode(file)).toBe('function function\n');
      const code = readFileSync(file, 'utf8');
      expect(code).not.toMatch(/from ["']commander["']/);
      expect(code).toContain('import("yaml")');
    } finally {
      rmSync(project, { recursive: true, force: true });
    }
  });

  it('throws on a source that does not compile (the launcher then runs the sources through tsx)', async () => {
    writeFileSync(part, 'export const word = ;\n');
    utimesSync(part, new Date(), new Date(Date.now() + 10_000));
    await expect(compiledEntry(entry, { cacheDir: cache })).rejects.toThrow(/Expected|Unexpected/);
  });
});
