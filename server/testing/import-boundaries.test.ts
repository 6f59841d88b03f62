// What may import what. Code that runs for a presenter (the sidecar, the CLI, `pgdemo rehearse`, the deck) imports no
// test helper; the browser tests and the benches share their helpers through server/testing/, never through each
// other's folders.
import { describe, expect, it } from 'vitest';
import { isTestOnly, projectImports, type Import } from './imports';

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

const file = (from: string, to: string): Import => ({ from, to, kind: 'file' });

describe('import boundaries', () => {
  const imports = projectImports().filter((i) => i.kind === 'file');

  it('sees the imports it judges (a check that read nothing would pass)', () => {
    expect(imports).toContainEqual(file('server/rehearse/sidecar-deps.ts', 'server/system/http'));
    expect(imports).toContainEqual(file('e2e/global-setup.ts', 'server/testing/start-stack'));
    expect(imports).toContainEqual(file('bench/ui-click.ts', 'server/testing/start-stack'));
  });

  it('would name a crossing', () => {
    expect(brokenRules([
      file('server/rehearse/sidecar-deps.ts', 'server/testing/test-stack'),
      file('server/cli/main.ts', 'server/cluster/test-support'),
      file('bench/ui-click.ts', 'e2e/support/deck'),
      file('server/testing/start-stack.ts', 'bench/support'),
      file('server/rehearse/demos.test.ts', 'server/testing/test-stack'),
      file('e2e/support/claims.ts', 'server/cluster/sql/client'),
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
