// initdb's output for these binaries and options, made once and copied after: initdb's bootstrap took ~1.6 s of a cold
// `npm start` here (its catalogs are built by running SQL), a copy of its ~40 MB ~0.1 s. npm install's postinstall
// makes it when it finds binaries (server/install/prepare-start.ts); otherwise the first build does, after its initdb.
// A template of other binaries, options or OS user has another key, so it is never used for this build.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Binaries } from './binaries';
import { copyDir } from './copy-dir';
import { giveTo, type RunAs } from './os-user';
import { runTool } from './run-tool';

const CACHE_DIR = fileURLToPath(new URL('../../../node_modules/.cache/pgdemo-initdb', import.meta.url));

function initdbArgs(superuser: string): string[] {
  return ['-U', superuser, '-E', 'UTF8', '--locale=C.UTF-8', '--auth-local=trust', '--auth-host=scram-sha-256', '--no-instructions'];
}

function templateDir(binaries: Pick<Binaries, 'binDir' | 'version'>, args: string[], runAs: RunAs | undefined, cacheDir: string): string {
  const key = createHash('sha256').update(JSON.stringify([binaries.binDir, binaries.version, args, runAs?.uid ?? process.getuid?.()]))
    .digest('hex').slice(0, 16);
  return join(cacheDir, key);
}

/** Copies a complete data folder to `template` (its owners kept), atomically; false when the cache is not writable. */
async function keep(dataDir: string, template: string): Promise<boolean> {
  const tmp = `${template}.${process.pid}.tmp`;
  try {
    await mkdir(tmp, { recursive: true, mode: 0o755 });
    await copyDir(dataDir, join(tmp, 'data'));
    await writeFile(join(tmp, 'complete'), '');
    await rename(tmp, template);
    return true;
  } catch {
    await rm(tmp, { recursive: true, force: true }).catch(() => undefined);
    return existsSync(join(template, 'complete')); // another process made it meanwhile
  }
}

/**
 * A fresh data folder at `dataDir` (which must not exist): a copy of the cached template, else initdb's own output
 * (kept as the template for the next build). Says which.
 */
export async function freshDataDir(binaries: Binaries, dataDir: string, superuser: string, runAs: RunAs | undefined,
  cacheDir = CACHE_DIR): Promise<'copied' | 'initdb'> {
  const args = initdbArgs(superuser);
  const template = templateDir(binaries, args, runAs, cacheDir);
  if (existsSync(join(template, 'complete'))) {
    try {
      await copyDir(join(template, 'data'), dataDir);
      return 'copied';
    } catch {
      // half a copy: initdb below, and its output replaces the damaged template
      await rm(dataDir, { recursive: true, force: true });
      await rm(template, { recursive: true, force: true }).catch(() => undefined);
    }
  }
  await runTool(join(binaries.binDir, 'initdb'), ['-D', dataDir, ...args], { runAs });
  await keep(dataDir, template);
  return 'initdb';
}

/** Makes the template if it is missing (postinstall): a fresh data folder in a scratch folder, its initdb kept. */
export async function ensureTemplate(binaries: Binaries, superuser: string, runAs: RunAs | undefined,
  cacheDir = CACHE_DIR): Promise<'present' | 'made'> {
  const template = templateDir(binaries, initdbArgs(superuser), runAs, cacheDir);
  if (existsSync(join(template, 'complete'))) return 'present';
  const scratch = `${template}.${process.pid}.initdb`;
  try {
    await mkdir(scratch, { recursive: true, mode: 0o755 });
    await giveTo(runAs, scratch);
    await freshDataDir(binaries, join(scratch, 'data'), superuser, runAs, cacheDir);
    if (!existsSync(join(template, 'complete'))) throw new Error(`could not write ${template}`);
    return 'made';
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
