// A TypeScript entry point compiled into one module (esbuild), rebuilt only when one of its own source files or
// packages changed: the project's one way of bundling. `npm start` and the link relay run from an ES module of it:
// loading the CLI through tsx's loader hooks took ~0.5 s of CPU per start (each of ~150 files resolved and transformed),
// the module ~0.1 s. The packages it imports at the top (express, pg, ws, zod, commander and theirs: ~300 files) are in
// the module too: resolving and reading them one by one was another ~0.1 s of each start. Those it imports only when
// used (`await import('esbuild')`) stay in node_modules. The tool substitutes run from a CommonJS one (a psql call
// starts in a few tens of milliseconds). Plain JavaScript: it runs before anything can load TypeScript.
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

/**
 * What is stamped for an input: a project file itself; for a package's file, the package's package.json (an install
 * that changes the package writes it anew), so a start checks ~40 files, not ~400.
 */
function stampedFile(input) {
  // (node_modules/.cache is no package)
  const inPackage = /^(.*node_modules\/(?:@[^/]+\/)?[^/.][^/]*)\//.exec(input);
  return inPackage ? `${inPackage[1]}/package.json` : input;
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
      if (args.path.includes(join('node_modules', ''))) return undefined;
      const source = await readFile(args.path, 'utf8');
      return {
        contents: source.replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href)),
        loader: args.path.endsWith('.ts') ? 'ts' : 'js',
      };
    });
  },
};

/** A package imported with `await import(…)` is loaded when it is used, as in the sources: it stays in node_modules. */
const lazyPackagesOutside = {
  name: 'lazy-packages-outside',
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, (args) => (args.kind === 'dynamic-import' ? { path: args.path, external: true } : undefined));
  },
};

/**
 * The compiled module of `entry` (a .ts file of this project): built now if it is missing or any of its sources
 * changed since. `format`: 'esm' (an .mjs), or 'cjs' (a .cjs, which needs nothing from node_modules at run time unless
 * the entry imports a package when used). Throws when it cannot be built or written; callers then run the sources
 * through tsx, or build elsewhere.
 */
export async function compiledEntry(entry, { cacheDir = CACHE_DIR, format = 'esm' } = {}) {
  const name = relative(PROJECT_ROOT, entry).replace(/\.ts$/, '').replaceAll(/[/\\.]+/g, '_');
  const bundleFile = join(cacheDir, `${name}.${format === 'cjs' ? 'cjs' : 'mjs'}`);
  const manifestFile = `${bundleFile}.json`;
  if (existsSync(bundleFile) && isFresh(manifestFile)) return bundleFile;

  const { build } = await import('esbuild');
  const result = await build({
    entryPoints: [entry],
    absWorkingDir: PROJECT_ROOT, // the metafile's inputs relative to the project
    bundle: true,
    platform: 'node',
    format,
    target: 'node20',
    write: false,
    metafile: true,
    plugins: [ownImportMetaUrl, lazyPackagesOutside],
    // optional parts of packages, required inside a try: absent here, and never used
    external: ['pg-native', 'pg-cloudflare', 'bufferutil', 'utf-8-validate', 'supports-color'],
    // the CommonJS packages' require() of Node's own modules, in an ES module
    banner: format === 'esm'
      ? { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.filename);" }
      : {},
    // pg probes for Cloudflare Workers by touching `navigator` and `Response`, which makes Node 20 load its fetch
    // implementation at the first connection (~45 ms). This module runs on Node only: they are simply absent.
    define: { navigator: 'undefined', Response: 'undefined' },
    logLevel: 'silent',
  });
  // this builder too: a module built as it used to build is rebuilt as it builds now
  const inputs = { [relative(PROJECT_ROOT, fileURLToPath(import.meta.url))]: stamp(fileURLToPath(import.meta.url)) };
  for (const input of Object.keys(result.metafile.inputs)) {
    const file = stampedFile(input);
    inputs[file] ??= stamp(join(PROJECT_ROOT, file));
  }
  mkdirSync(cacheDir, { recursive: true, mode: 0o755 });
  // two starts may build at once: each writes its own file, the renames are atomic, and both results are the same
  const partial = `.${process.pid}.partial`;
  writeFileSync(bundleFile + partial, result.outputFiles[0].contents, { mode: 0o644 });
  renameSync(bundleFile + partial, bundleFile);
  writeFileSync(manifestFile + partial, JSON.stringify({ entry: basename(entry), inputs }));
  renameSync(manifestFile + partial, manifestFile);
  return bundleFile;
}
