// A TypeScript entry point compiled into one ES module (esbuild; packages stay in node_modules), rebuilt only when one
// of its own source files changed. `npm start` and the link relay run from it: loading the CLI through tsx's loader
// hooks took ~0.5 s of CPU per start (each of ~150 files resolved and transformed), the bundle ~0.1 s.
// Plain JavaScript: it runs before anything can load TypeScript.
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const PROJECT_ROOT = fileURLToPath(new URL('../..', import.meta.url));
// inside the project's node_modules: the bundle's `import 'pg'` resolves from there, as the sources' do
const CACHE_DIR = join(PROJECT_ROOT, 'node_modules', '.cache', 'pgdemo-compiled');

/** size and mtime of every source file the bundle was built from: unchanged files, unchanged bundle */
function stamp(file) {
  const stats = statSync(file);
  return `${stats.size}:${stats.mtimeMs}`;
}

function isFresh(manifestFile) {
  try {
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
    return Object.entries(manifest.inputs).every(([file, seen]) => stamp(join(PROJECT_ROOT, file)) === seen);
  } catch {
    return false;
  }
}

/**
 * Each module keeps its own import.meta.url: the sources find files next to them (snippets/, shell scripts, the relay's
 * entry) by it, and in one bundle every module would otherwise get the bundle's URL.
 */
const ownImportMetaUrl = {
  name: 'own-import-meta-url',
  setup(build) {
    build.onLoad({ filter: /\.(?:ts|mjs|js)$/ }, async (args) => {
      if (args.path.includes(`${join('node_modules', '')}`)) return undefined;
      const source = await readFile(args.path, 'utf8');
      return {
        contents: source.replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href)),
        loader: args.path.endsWith('.ts') ? 'ts' : 'js',
      };
    });
  },
};

/**
 * The compiled module of `entry` (a .ts file of this project): built now if it is missing or any of its sources
 * changed since. Throws when it cannot be built or written; callers then run the sources through tsx.
 */
export async function compiledEntry(entry, cacheDir = CACHE_DIR) {
  const name = relative(PROJECT_ROOT, entry).replace(/\.ts$/, '').replaceAll(/[/\\.]+/g, '_');
  const bundleFile = join(cacheDir, `${name}.mjs`);
  const manifestFile = join(cacheDir, `${name}.json`);
  if (existsSync(bundleFile) && isFresh(manifestFile)) return bundleFile;

  const { build } = await import('esbuild');
  const result = await build({
    entryPoints: [entry],
    absWorkingDir: PROJECT_ROOT, // the metafile's inputs relative to the project
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    write: false,
    metafile: true,
    plugins: [ownImportMetaUrl],
    logLevel: 'silent',
  });
  const inputs = {};
  for (const file of Object.keys(result.metafile.inputs)) inputs[file] = stamp(join(PROJECT_ROOT, file));
  mkdirSync(cacheDir, { recursive: true, mode: 0o755 });
  // two starts may build at once: each writes its own file, the renames are atomic, and both results are the same
  const partial = `.${process.pid}.partial`;
  writeFileSync(bundleFile + partial, result.outputFiles[0].contents, { mode: 0o644 });
  renameSync(bundleFile + partial, bundleFile);
  writeFileSync(manifestFile + partial, JSON.stringify({ entry: basename(entry), inputs }));
  renameSync(manifestFile + partial, manifestFile);
  return bundleFile;
}
