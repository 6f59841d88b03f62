// Which of PostgreSQL's client tools the shell snippets get as the project's substitutes, and the PATH that gives them.
// pg_basebackup, pg_rewind and pg_controldata must match the server's major version, so they come from the binaries'
// own folder or are substituted (a system pg_basebackup 15 refuses a PostgreSQL 17 server). Any psql talks to any
// server, so the substitute psql is only the last resort, after everything on PATH.
import { accessSync, constants } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const SERVER_TOOLS = ['pg_basebackup', 'pg_rewind', 'pg_controldata'] as const;
export type SubstitutableTool = 'psql' | (typeof SERVER_TOOLS)[number];

/** launchers of the server-version-bound substitutes: right after the binaries' folder on PATH */
export const SERVER_TOOLS_BIN = fileURLToPath(new URL('./bin/server', import.meta.url));
/** the launcher of the substitute psql: last on PATH */
export const CLIENT_TOOLS_BIN = fileURLToPath(new URL('./bin/client', import.meta.url));

function executable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

const onPath = (tool: string, searchPath: string) =>
  searchPath.split(':').filter(Boolean).some((dir) => executable(join(dir, tool)));

/** The tools a shell snippet gets from the project instead of PostgreSQL, given the binaries' folder and PATH. */
export function substitutedTools(binDir: string, searchPath = process.env.PATH ?? ''): SubstitutableTool[] {
  const missing: SubstitutableTool[] = [];
  if (!executable(join(binDir, 'psql')) && !onPath('psql', searchPath)) missing.push('psql');
  for (const tool of SERVER_TOOLS) if (!executable(join(binDir, tool))) missing.push(tool);
  return missing;
}

/** PATH for a shell snippet: the binaries, the version-bound substitutes, the system's PATH, the substitute psql. */
export function shellSearchPath(binDir: string, systemPath: string): string {
  const dirs = [binDir, SERVER_TOOLS_BIN, ...systemPath.split(':'), CLIENT_TOOLS_BIN].filter(Boolean);
  return [...new Set(dirs)].join(':');
}
