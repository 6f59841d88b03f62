// Reads every snippet file of the deck, in presentation order (demo, then file name). Anything in snippets/ that is not
// a snippet is an error rather than skipped: a misnamed file would otherwise silently vanish from the deck.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DemoError } from '../errors';
import type { Snippet } from '../types';
import { parseSnippet, snippetIdFromPath } from './parse';

export const DEFAULT_SNIPPETS_DIR = fileURLToPath(new URL('../../snippets', import.meta.url));

/** Files at the top of snippets/ that document the folder rather than run. */
const DOCUMENTATION = new Set(['README.md']);

const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export async function loadSnippets(dir: string = DEFAULT_SNIPPETS_DIR): Promise<Map<string, Snippet>> {
  const entries = await readdir(dir, { withFileTypes: true }).catch((cause: unknown) => {
    throw new DemoError('INTERNAL', `Cannot read the snippets folder ${dir}.`, { cause });
  });
  const demos: string[] = [];
  for (const entry of entries) {
    if (entry.isDirectory() && /^demo[1-6]$/.test(entry.name)) demos.push(entry.name);
    else if (!(entry.isFile() && DOCUMENTATION.has(entry.name))) {
      throw new DemoError('INTERNAL', `Unexpected "${entry.name}" in ${dir}: only the folders demo1 … demo6 belong there.`);
    }
  }
  demos.sort((a, b) => Number(a.slice(4)) - Number(b.slice(4)));

  const snippets = new Map<string, Snippet>();
  for (const demo of demos) {
    const files = await readdir(join(dir, demo), { withFileTypes: true });
    for (const file of files.sort((a, b) => byName(a.name, b.name))) {
      const path = `${demo}/${file.name}`;
      if (!file.isFile()) throw new DemoError('INTERNAL', `Unexpected folder "${path}" in ${dir}.`);
      const { id, kind } = snippetIdFromPath(path);
      if (snippets.has(id)) {
        throw new DemoError('INTERNAL', `Two snippet files for ${id} (.sql and .sh): ids must be unique.`);
      }
      snippets.set(id, parseSnippet(id, kind, await readFile(join(dir, path), 'utf8')));
    }
  }
  return snippets;
}
