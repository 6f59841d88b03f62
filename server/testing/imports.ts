// The project's imports, read from every file git knows with TypeScript's own scanner (import and export statements,
// require() calls, import() types; a component's from its <script> blocks), for the tests that keep what may import
// what (import-boundaries.test.ts, declared-packages.test.ts).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

export const PROJECT_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** `to` is a repo path (`server/system/http`) for the project's own files, a package name (`pg`, `@slidev/client`) else. */
export interface Import { from: string; to: string; kind: 'file' | 'package' }

/** Files that exist only for the tests and the benches (a path with or without its extension). */
export function isTestOnly(path: string): boolean {
  return /\.(test|e2e)(\.ts)?$/.test(path) || /(^|\/)test-support(\.ts)?$/.test(path) || /(^|\/)testing\//.test(path)
    || /^(e2e|bench)\//.test(path) || /^(vitest|playwright)\.config(\.ts)?$/.test(path);
}

function packageOf(specifier: string): string | undefined {
  // node's own modules, and what the deck's build resolves itself (virtual modules, Slidev's aliases)
  if (specifier.startsWith('node:') || /^(virtual:|~|@\/|\/)/.test(specifier)) return undefined;
  const name = specifier.split('/').slice(0, specifier.startsWith('@') ? 2 : 1).join('/');
  return builtinModules.includes(name) ? undefined : name;
}

export function projectImports(): Import[] {
  const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], { cwd: PROJECT_ROOT, encoding: 'utf8' })
    .split('\n').filter((f) => /\.(ts|mts|mjs|js|vue)$/.test(f) && !f.startsWith('dist/'));
  return files.flatMap((from) => {
    let text: string;
    try {
      text = readFileSync(join(PROJECT_ROOT, from), 'utf8');
    } catch {
      return []; // deleted in the working tree, not yet in git's index
    }
    const code = from.endsWith('.vue') ? [...text.matchAll(/<script[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]).join('\n') : text;
    return ts.preProcessFile(code, true, true).importedFiles.flatMap(({ fileName: spec }): Import[] => {
      if (spec.startsWith('.')) return [{ from, to: relative(PROJECT_ROOT, join(PROJECT_ROOT, dirname(from), spec)), kind: 'file' }];
      const name = packageOf(spec);
      return name ? [{ from, to: name, kind: 'package' }] : [];
    });
  });
}
