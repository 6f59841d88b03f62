// Reads every snippet file of the deck, in presentation order (demo, then file name). Anything in snippets/ that is not
// a snippet is an error rather than skipped: a misnamed file would otherwise silently vanish from the deck.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DemoError, isDemoError, messageOf } from '../../shared/errors';
import type { Snippet } from '../../shared/types';
import { SNIPPET_FOLDER_PATTERN, parseSnippet, snippetIdFromPath } from '../../shared/snippet-file';

export const DEFAULT_SNIPPETS_DIR = fileURLToPath(new URL('../../snippets', import.meta.url));

/** Files at the top of snippets/ that document the folder rather than run. */
const DOCUMENTATION = new Set(['README.md']);

const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export interface SnippetFolder {
  snippets: Map<string, Snippet>;
  /** snippet files that could not be parsed: id → what is wrong (names the file and the line) */
  broken: Map<string, string>;
}

const folderError = (message: string, cause?: unknown) => new DemoError('SNIPPET_INVALID', message, { cause });

/**
 * Every snippet, and every snippet file that does not parse (the sidecar serves the rest and answers a run of a broken
 * one with what is wrong with it). A folder that is not a snippets folder (a stray file, a sub folder, two files for
 * one id) still fails as a whole.
 */
export async function readSnippetFolder(dir: string = DEFAULT_SNIPPETS_DIR): Promise<SnippetFolder> {
  const entries = await readdir(dir, { withFileTypes: true }).catch((cause: unknown) => {
    throw folderError(`Cannot read the snippets folder ${dir}: ${messageOf(cause)}`, cause);
  });
  const demos: string[] = [];
  for (const entry of entries) {
    if (entry.isDirectory() && SNIPPET_FOLDER_PATTERN.test(entry.name)) demos.push(entry.name);
    else if (!(entry.isFile() && DOCUMENTATION.has(entry.name))) {
      throw folderError(`Unexpected "${entry.name}" in ${dir}: only the folders demo1 … demo8 and drill belong there.`);
    }
  }
  // demo1 … demo8, then drill (its slides follow the demos)
  const order = (folder: string) => Number(folder.slice(4)) || Infinity;
  demos.sort((a, b) => order(a) - order(b));

  const folder: SnippetFolder = { snippets: new Map(), broken: new Map() };
  for (const demo of demos) {
    const files = await readdir(join(dir, demo), { withFileTypes: true });
    for (const file of files.sort((a, b) => byName(a.name, b.name))) {
      const path = `${demo}/${file.name}`;
      if (!file.isFile()) throw folderError(`Unexpected folder "${path}" in ${dir}.`);
      const { id, kind } = snippetIdFromPath(path);
      if (folder.snippets.has(id) || folder.broken.has(id)) {
        throw folderError(`Two snippet files for ${id} (.sql and .sh): ids must be unique.`);
      }
      try {
        folder.snippets.set(id, parseSnippet(id, kind, await readFile(join(dir, path), 'utf8')));
      } catch (err) {
        if (!isDemoError(err) || err.code !== 'SNIPPET_INVALID') throw err;
        folder.broken.set(id, `${err.message} (file ${join(dir, path)})`);
      }
    }
  }
  return folder;
}

/** Every snippet; the first broken file fails it all (the tests and tools want the whole deck or nothing). */
export async function loadSnippets(dir: string = DEFAULT_SNIPPETS_DIR): Promise<Map<string, Snippet>> {
  const { snippets, broken } = await readSnippetFolder(dir);
  const [first] = broken.values();
  if (first !== undefined) throw new DemoError('SNIPPET_INVALID', first);
  return snippets;
}
