// `npm start` presents the built deck: Slidev's dev server transforms every module on the first visit (10 s and more
// to the first demo slide on these machines), the built one renders in a fraction of that. The build runs once (at
// `npm install`, or on the first start) and again only when the deck's inputs changed: a hash over their paths and
// contents is kept beside the build.
import { createHash } from 'node:crypto';
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { DECK_INPUTS } from './deck-inputs';
import { runSlidev } from './slidev-cli';

const HASH_FILE = '.deck-inputs.sha256'; // a dotfile: the deck server does not serve it

async function filesUnder(root: string, input: string): Promise<string[]> {
  const path = join(root, input);
  try {
    const entries = await readdir(path, { withFileTypes: true, recursive: true });
    return entries.filter((e) => e.isFile()).map((e) => relative(root, join(e.parentPath, e.name)));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOTDIR') return [input];
    if (code === 'ENOENT') return [];
    throw err;
  }
}

/** sha256 over every input file's path and content, in a stable order. */
export async function deckInputsHash(projectRoot: string): Promise<string> {
  const files = (await Promise.all(DECK_INPUTS.map((input) => filesUnder(projectRoot, input.replace(/\/$/, '')))))
    .flat().sort();
  // read all at once (libuv's pool does four at a time), hashed in order: one after another took ~100 ms of each start
  const contents = await Promise.all(files.map((file) => readFile(join(projectRoot, file))));
  const hash = createHash('sha256');
  files.forEach((file, i) => hash.update(file).update('\0').update(contents[i]!).update('\0'));
  return hash.digest('hex');
}

export async function builtDeckHash(distDir: string): Promise<string | undefined> {
  return readFile(join(distDir, HASH_FILE), 'utf8').then((text) => text.trim(), () => undefined);
}

export interface DeckBuild {
  /** false when dist/ was already built from these inputs */
  built: boolean;
  durationMs: number;
}

/** Builds the deck into dist/ unless dist/ was built from exactly these inputs. */
export async function ensureDeckBuilt(projectRoot: string, options: { force?: boolean; log?: (line: string) => void } = {}): Promise<DeckBuild> {
  const started = performance.now();
  const distDir = join(projectRoot, 'dist');
  const wanted = await deckInputsHash(projectRoot);
  if (!options.force && (await builtDeckHash(distDir)) === wanted) {
    return { built: false, durationMs: Math.round(performance.now() - started) };
  }
  options.log?.(options.force ? 'Building the deck…' : 'Building the deck (its sources changed since the last build)…');
  // a build that fails halfway must not leave a half-written dist/ that looks current
  await rm(join(distDir, HASH_FILE), { force: true });
  await runSlidev(projectRoot, ['build', 'slides.md']);
  // the hash of what was read before the build: a file edited during the build makes the next start build again
  await writeFile(join(distDir, HASH_FILE), `${wanted}\n`);
  const durationMs = Math.round(performance.now() - started);
  options.log?.(`Deck built in ${(durationMs / 1000).toFixed(1)} s.`);
  return { built: true, durationMs };
}
