// The environment a shell snippet sees: nothing inherited from the sidecar's own environment except what the cluster
// backend hands over, so a run behaves the same from the CLI, the deck or CI.
import { fileURLToPath } from 'node:url';
import type { ShellContext } from '../../cluster/cluster';
import { builtToolsBundle } from '../../tools/build';
import { shellSearchPath } from '../../tools/substitutes';

export const DOCKER_SHIM = fileURLToPath(new URL('./docker-shim.bash', import.meta.url));
export const DOCKER_CONTROL_SCRIPT = fileURLToPath(new URL('./docker-control.mjs', import.meta.url));

const SYSTEM_PATH = '/usr/local/bin:/usr/bin:/bin';

export interface ControlEndpoint {
  url: string;
  token: string;
}

/** "postgres-primary" → "PRIMARY": the key docker-shim.bash derives the same way */
export function nodeKey(name: string): string {
  return name.replace(/^postgres-/, '').toUpperCase().replace(/[^A-Z0-9]/g, '_');
}

export function shellEnvironment(context: ShellContext, control?: ControlEndpoint): Record<string, string> {
  const env: Record<string, string> = {
    LANG: 'C.UTF-8',
    TERM: 'dumb',
    PAGER: 'cat',
    ...context.env,
    // the PostgreSQL binaries first, then the project's substitutes of the version-bound tools they lack, then the
    // system's PATH, then the substitute psql for when no psql is installed anywhere (server/tools/substitutes.ts)
    PATH: shellSearchPath(context.binDir, context.env.PATH ?? SYSTEM_PATH),
    HOME: context.scratchDir,
    TMPDIR: context.scratchDir,
    PSQLRC: '/dev/null',
    // bash reads BASH_ENV before the -c script of every non-interactive shell: the shim, without shifting line numbers
    BASH_ENV: DOCKER_SHIM,
    PGDEMO_NODES: context.nodes.map((n) => n.name).join(' '),
    PGDEMO_NODE_BIN: process.execPath,
    PGDEMO_CONTROL_SCRIPT: DOCKER_CONTROL_SCRIPT,
    PGDEMO_BIN_DIR: context.binDir,
  };
  const toolsBundle = builtToolsBundle();
  if (toolsBundle) env.PGDEMO_TOOLS_BUNDLE = toolsBundle;
  for (const node of context.nodes) {
    const key = nodeKey(node.name);
    env[`PGDEMO_NODE_${key}_PORT`] = String(node.port);
    env[`PGDEMO_NODE_${key}_DATA`] = node.dataDir;
    env[`PGDEMO_NODE_${key}_SOCKET`] = node.socketDir;
    env[`PGDEMO_NODE_${key}_LOG`] = node.logFile;
  }
  if (control) {
    env.PGDEMO_CONTROL_URL = control.url;
    env.PGDEMO_CONTROL_TOKEN = control.token;
  }
  return env;
}
