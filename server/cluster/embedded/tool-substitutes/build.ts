// The tool substitutes as one CommonJS file (server/compiled/compiled-entry.mjs, pg included), so each call starts in
// a few tens of milliseconds instead of tsx's few hundred: Demo 2 calls psql 60 times in a row and `watch` once a
// second. Kept beside the CLI's compiled module and rebuilt only when a source changed; where the project's
// node_modules cannot be written (another user's checkout), in a temp folder of this user's own, one per checkout.
import { createHash } from 'node:crypto';
import { mkdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compiledEntry } from '../../../compiled/compiled-entry.mjs';

const ENTRY = fileURLToPath(new URL('./main.ts', import.meta.url));
const PROJECT_ROOT = fileURLToPath(new URL('../../../..', import.meta.url));

let building: Promise<string> | undefined;
let built: string | undefined;

/** The temp folder is shared: only a folder this user made, and one per checkout (each has its own sources). */
function ownTempDir(): string {
  const uid = process.getuid?.() ?? 0;
  const mine = join(tmpdir(), `pgdemo-tools-${uid}`);
  mkdirSync(mine, { recursive: true, mode: 0o755 });
  if (statSync(mine).uid !== uid) throw new Error(`${mine} is not this user's`);
  return join(mine, createHash('sha256').update(PROJECT_ROOT).digest('hex').slice(0, 16));
}

async function bundle(): Promise<string> {
  try {
    return await compiledEntry(ENTRY, { format: 'cjs' });
  } catch (inProject) {
    return compiledEntry(ENTRY, { format: 'cjs', cacheDir: ownTempDir() }).catch((err: unknown) => {
      throw new Error(`Could not build the tools bundle: ${(inProject as Error).message}; ${(err as Error).message}`);
    });
  }
}

/** The path of the bundle, built on the first call of this process if it is missing or out of date. */
export function buildToolsBundle(): Promise<string> {
  building ??= bundle().then((file) => (built = file));
  return building;
}

/** The bundle's path once buildToolsBundle() has finished, else undefined. */
export function builtToolsBundle(): string | undefined {
  return built;
}
