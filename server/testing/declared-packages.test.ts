// Every package the project imports is declared in package.json, and where: `dependencies` when code that runs for a
// presenter (the sidecar, the CLI, the deck, its build and export) imports it, `devDependencies` when only the tests
// and the benches do.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isTestOnly, PROJECT_ROOT, projectImports, type Import } from './imports';

interface Manifest {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
  optionalDependencies: Record<string, string>;
}

/** Dependencies that the tests alone import, but that a presenter's command uses all the same, without an import (none
 * today: the export imports playwright-core itself, server/export/system-chromium.ts). */
const USED_WITHOUT_AN_IMPORT: Record<string, string> = {};

const importers = (uses: Import[]) => [...new Set(uses.map((i) => i.from))];

function misplaced(imports: Import[], manifest: Manifest): string[] {
  const byPackage = new Map<string, Import[]>();
  for (const i of imports) byPackage.set(i.to, [...byPackage.get(i.to) ?? [], i]);
  return [...byPackage].flatMap(([name, uses]) => {
    const shipped = importers(uses.filter((i) => !isTestOnly(i.from)));
    if (name in manifest.dependencies || name in manifest.optionalDependencies) {
      return shipped.length || name in USED_WITHOUT_AN_IMPORT ? [] : [`${name}: a dependency that only the tests and benches import`];
    }
    if (name in manifest.devDependencies) {
      return shipped.length ? [`${name}: a devDependency that ${shipped.join(', ')} import(s)`] : [];
    }
    return [`${name}: imported by ${importers(uses).join(', ')}, declared nowhere`];
  }).sort();
}

const use = (from: string, to: string): Import => ({ from, to, kind: 'package' });

describe('declared packages', () => {
  const manifest = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as Manifest;
  const imports = projectImports().filter((i) => i.kind === 'package');

  it('sees the imports it judges (require() and import() types too)', () => {
    expect(imports).toContainEqual(use('server/cluster/docker/docker-packages.ts', 'tar-stream'));
    expect(imports).toContainEqual(use('vite.config.ts', 'vite'));
    expect(imports).toContainEqual(use('components/LagChart.vue', 'chart.js'));
  });

  it('would name a package declared in the wrong place, or nowhere', () => {
    const declared: Manifest = { dependencies: { pg: '1', execa: '1' }, devDependencies: { vitest: '1' }, optionalDependencies: {} };
    expect(misplaced([
      use('server/app.ts', 'pg'),
      use('bench/soak.ts', 'execa'),
      use('server/cli/main.ts', 'vitest'),
      use('server/cluster/docker/exec.ts', 'tar-stream'),
    ], declared)).toEqual([
      'execa: a dependency that only the tests and benches import',
      'tar-stream: imported by server/cluster/docker/exec.ts, declared nowhere',
      'vitest: a devDependency that server/cli/main.ts import(s)',
    ]);
  });

  it('holds for package.json', () => {
    expect(misplaced(imports, manifest)).toEqual([]);
  });
});
