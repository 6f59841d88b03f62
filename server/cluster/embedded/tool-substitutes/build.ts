// The tool substitutes as one CommonJS file (esbuild, pg included), so each call starts in a few tens of milliseconds
// instead of tsx's few hundred: Demo 2 calls psql 60 times in a row and `watch` once a second. Built once per sidecar
// process, into node_modules/.cache (or the temp folder when that is not writable), named by its content.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ENTRY = fileURLToPath(new URL('./main.ts', import.meta.url));
const PROJECT_ROOT = fileURLToPath(new URL('../../../..', import.meta.url));

let building: Promise<string> | undefined;
let built: string | undefined;

function cacheDirs(): string[] {
  return [join(PROJECT_ROOT, 'node_modules', '.cache', 'pgdemo-tools'), join(tmpdir(), `pgdemo-tools-${process.getuid?.() ?? 0}`)];
}

async function bundle(): Promise<string> {
  // loaded here: every command imports this module, few build the bundle
  const { build } = await import('esbuild');
  const result = await build({
    entryPoints: [ENTRY],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    write: false,
    // optional parts of pg that are never used here
    external: ['pg-native', 'pg-cloudflare'],
    // pg probes for Cloudflare Workers by touching `navigator` and `Response`, which makes Node load its fetch
    // implementation: ~45 ms of every call's start. In this bundle (Node only) they are simply absent.
    define: { navigator: 'undefined', Response: 'undefined' },
    logLevel: 'silent',
  });
  const code = result.outputFiles[0]!.contents;
  const name = `tools-${createHash('sha256').update(code).digest('hex').slice(0, 16)}.cjs`;
  let lastError: unknown;
  for (const dir of cacheDirs()) {
    const file = join(dir, name);
    try {
      mkdirSync(dir, { recursive: true, mode: 0o755 });
      // the temp folder is shared: use only a folder of our own, and a file that holds exactly what we built
      if (statSync(dir).uid !== (process.getuid?.() ?? statSync(dir).uid)) throw new Error(`${dir} is not ours`);
      if (existsSync(file) && readFileSync(file).equals(code)) return file;
      // another sidecar may write the same file at the same moment: each writes its own, the rename is atomic
      const partial = `${file}.${process.pid}.partial`;
      writeFileSync(partial, code, { mode: 0o644 });
      renameSync(partial, file);
      return file;
    } catch (err) {
      lastError = err;
    }
  }
  throw new Error(`Could not write the tools bundle: ${(lastError as Error)?.message}`);
}

/** The path of the bundle, building it on the first call of this process. */
export function buildToolsBundle(): Promise<string> {
  building ??= bundle().then((file) => (built = file));
  return building;
}

/** The bundle's path once buildToolsBundle() has finished, else undefined. */
export function builtToolsBundle(): string | undefined {
  return built;
}
