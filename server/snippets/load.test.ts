import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadSnippets, readSnippetFolder } from './load';

const dirs: string[] = [];

/** A snippets folder with the given files (path → text). */
async function folder(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'pgdemo-snippets-'));
  dirs.push(dir);
  for (const [path, text] of Object.entries(files)) {
    await mkdir(join(dir, path, '..'), { recursive: true });
    await writeFile(join(dir, path), text);
  }
  return dir;
}

const sql = (title: string) => `-- title: ${title}\n-- node: postgres-primary\n\nSELECT 1;\n`;
const sh = (title: string) => `# title: ${title}\n\necho ${title}\n`;

afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

describe('loadSnippets', () => {
  it('orders by demo number, then file name', async () => {
    const dir = await folder({
      'demo2/01-b.sh': sh('b'),
      'demo1/10-late.sql': sql('late'),
      'demo1/02-second.sh': sh('second'),
      'demo1/07a-fix.sql': sql('fix a'),
      'demo1/07-step.sql': sql('step'),
      'README.md': '# snippets\n',
    });
    const snippets = await loadSnippets(dir);
    expect([...snippets.keys()]).toEqual(['demo1/02-second', 'demo1/07-step', 'demo1/07a-fix', 'demo1/10-late', 'demo2/01-b']);
    expect(snippets.get('demo1/02-second')).toMatchObject({ kind: 'shell', title: 'second', text: 'echo second' });
  });

  it.each([
    ['a stray file at the top', { 'notes.txt': 'x' }, /Unexpected "notes.txt"/],
    ['a folder that is not demo1..demo8', { 'demo9/01-x.sql': sql('x') }, /Unexpected "demo9"/],
    ['a badly named snippet', { 'demo1/1-x.sql': sql('x') }, /"demo1\/1-x.sql" is not a snippet file name/],
    ['an editor backup file', { 'demo1/01-x.sql~': sql('x') }, /is not a snippet file name/],
    ['a sub folder', { 'demo1/old/01-x.sql': sql('x') }, /Unexpected folder "demo1\/old"/],
    ['the same id twice', { 'demo1/01-x.sql': sql('x'), 'demo1/01-x.sh': sh('x') }, /Two snippet files for demo1\/01-x/],
    ['a broken header', { 'demo1/01-x.sql': '-- title: x\n-- nodes: postgres-primary\n\nSELECT 1;' }, /Snippet demo1\/01-x: unknown header key "nodes"/],
  ])('rejects %s loudly', async (_case, files, message) => {
    await expect(loadSnippets(await folder(files))).rejects.toThrow(message);
  });

  it('says which folder it could not read', async () => {
    await expect(loadSnippets('/nonexistent/snippets')).rejects.toThrow(/Cannot read the snippets folder \/nonexistent\/snippets/);
  });
});

describe('readSnippetFolder (what the sidecar serves)', () => {
  it('serves the good snippets and names each broken file with what is wrong, instead of failing as a whole', async () => {
    const dir = await folder({
      'demo1/01-good.sql': sql('good'),
      'demo1/02-broken.sql': '-- title: broken\n-- node: postgres-primary\n-- step: two\n\nSELECT 1;\n',
    });
    const { snippets, broken } = await readSnippetFolder(dir);
    expect([...snippets.keys()]).toEqual(['demo1/01-good']);
    expect(broken.get('demo1/02-broken')).toMatch(/^Snippet demo1\/02-broken: step "two" is not a positive whole number\. \(file .*demo1\/02-broken\.sql\)$/);
    // the strict loader (tests, tools) still refuses the whole folder, with the same words and its own code
    await expect(loadSnippets(dir)).rejects.toMatchObject({ code: 'SNIPPET_INVALID', message: expect.stringMatching(/step "two"/) });
  });
});
