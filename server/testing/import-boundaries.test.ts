// What may import what. Code that runs for a presenter (the sidecar, the CLI, `pgdemo rehearse`, the deck) imports no
// test helper; the browser tests and the benches share their helpers through server/testing/, never through each
// other's folders. Read from the import statements of every file git knows, with TypeScript's own scanner.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Files that exist only for the tests and the benches (a path with or without its extension). */
function isTestOnly(path: string): boolean {
  return /\.(test|e2e)(\.ts)?$/.test(path) || /(^|\/)test-support(\.ts)?$/.test(path) || /(^|\/)testing\//.test(path)
    || /^(e2e|bench)\//.test(path) || /^(vitest|playwright)\.config(\.ts)?$/.test(path);
}

interface Import { from: string; to: string }

const RULES: { rule: string; breaks(i: Import): boolean }[] = [
  { rule: 'code that runs for a presenter imports no test helper', breaks: (i) => !isTestOnly(i.from) && isTestOnly(i.to) },
  {
    rule: 'e2e/ and bench/ are imported only from within themselves (what both need lives in server/testing/)',
    breaks: (i) => ['e2e/', 'bench/'].some((dir) => i.to.startsWith(dir) && !i.from.startsWith(dir)),
  },
];

function brokenRules(imports: Import[]): string[] {
  return imports.flatMap((i) => RULES.filter((r) => r.breaks(i)).map((r) => `${i.from} → ${i.to}: ${r.rule}`));
}

/** The project's own imports (relative specifiers), each as repo paths: `server/rehearse/x.ts` → `server/system/http`. */
function projectImports(): Import[] {
  const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], { cwd: ROOT, encoding: 'utf8' })
    .split('\n').filter((f) => /\.(ts|mts|mjs|js|vue)$/.test(f) && !f.startsWith('dist/'));
  return files.flatMap((from) => {
    let text: string;
    try {
      text = readFileSync(join(ROOT, from), 'utf8');
    } catch {
      return []; // deleted in the working tree, not yet in git's index
    }
    // a component's imports are in its <script> blocks; the template is not TypeScript
    const code = from.endsWith('.vue') ? [...text.matchAll(/<script[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]).join('\n') : text;
    return ts.preProcessFile(code, true, true).importedFiles.map((f) => f.fileName).filter((spec) => spec.startsWith('.'))
      .map((spec) => ({ from, to: relative(ROOT, join(ROOT, dirname(from), spec)) }));
  });
}

describe('import boundaries', () => {
  const imports = projectImports();

  it('sees the imports it judges (a check that read nothing would pass)', () => {
    expect(imports).toContainEqual({ from: 'server/rehearse/sidecar-deps.ts', to: 'server/system/http' });
    expect(imports).toContainEqual({ from: 'e2e/global-setup.ts', to: 'server/testing/start-stack' });
    expect(imports).toContainEqual({ from: 'bench/ui-click.ts', to: 'server/testing/start-stack' });
  });

  it('would name a crossing', () => {
    expect(brokenRules([
      { from: 'server/rehearse/sidecar-deps.ts', to: 'server/testing/test-stack' },
      { from: 'server/cli/main.ts', to: 'server/cluster/test-support' },
      { from: 'bench/ui-click.ts', to: 'e2e/support/deck' },
      { from: 'server/testing/start-stack.ts', to: 'bench/support' },
      { from: 'server/rehearse/demos.test.ts', to: 'server/testing/test-stack' },
      { from: 'e2e/support/claims.ts', to: 'server/cluster/sql/client' },
    ])).toEqual([
      expect.stringMatching(/^server\/rehearse\/sidecar-deps\.ts → server\/testing\/test-stack: code that runs for a presenter/),
      expect.stringMatching(/^server\/cli\/main\.ts → server\/cluster\/test-support: code that runs for a presenter/),
      expect.stringMatching(/^bench\/ui-click\.ts → e2e\/support\/deck: e2e\/ and bench\//),
      expect.stringMatching(/^server\/testing\/start-stack\.ts → bench\/support: e2e\/ and bench\//),
    ]);
  });

  it('holds in the tree', () => {
    expect(brokenRules(imports)).toEqual([]);
  });
});
