// The environment the embedded backend's shell snippets run in: the seed's `docker …` commands mapped onto the local
// nodes by docker-shim.bash, which reads each node's port, data folder, socket folder and log from PGDEMO_NODE_*.
import { fileURLToPath } from 'node:url';
import type { NodeName } from '../../../../shared/types';
import { baseShellEnvironment, SYSTEM_PATH } from '../../../runner/shell/base-environment';
import type { ControlEndpoint, ShellEnvironment } from '../../driver';
import { builtToolsBundle } from '../tool-substitutes/build';
import { shellSearchPath } from '../tool-substitutes/substitutes';

export const DOCKER_SHIM = fileURLToPath(new URL('./docker-shim.bash', import.meta.url));
export const DOCKER_CONTROL_SCRIPT = fileURLToPath(new URL('./docker-control.mjs', import.meta.url));

export interface ShimNode {
  name: NodeName;
  dataDir: string;
  /** the server's port (its unix socket is named after it) */
  port: number;
  /** where `host=postgres-X port=5432` and `-h postgres-X` reach it: through the link between the nodes */
  peerPort: number;
  /** unix socket directory */
  socketDir: string;
  logFile: string;
}

export interface EmbeddedShellOptions {
  /** the PostgreSQL bin folder in use */
  binDir: string;
  nodes: ShimNode[];
  scratchDir: string;
  pgpass?: string;
  runAs?: { uid: number; gid: number };
  /** more variables (tests: PGDEMO_WATCH_ROUNDS) */
  extra?: Record<string, string>;
  /** where other commands are found, after the PostgreSQL binaries (default: the sidecar's PATH) */
  systemPath?: string[];
}

/** "postgres-primary" → "PRIMARY": the key docker-shim.bash derives the same way */
export function nodeKey(name: string): string {
  return name.replace(/^postgres-/, '').toUpperCase().replace(/[^A-Z0-9]/g, '_');
}

export function embeddedShellEnvironment(options: EmbeddedShellOptions, control?: ControlEndpoint): ShellEnvironment {
  const toolsBundle = builtToolsBundle();
  const extra: Record<string, string> = {
    ...(options.pgpass ? { PGPASSFILE: options.pgpass } : {}),
    PGDEMO_BIN_DIR: options.binDir,
    ...(toolsBundle ? { PGDEMO_TOOLS_BUNDLE: toolsBundle } : {}),
    PGDEMO_NODES: options.nodes.map((n) => n.name).join(' '),
    PGDEMO_CONTROL_SCRIPT: DOCKER_CONTROL_SCRIPT,
    ...options.extra,
  };
  for (const node of options.nodes) {
    const key = nodeKey(node.name);
    extra[`PGDEMO_NODE_${key}_PORT`] = String(node.port);
    extra[`PGDEMO_NODE_${key}_PEER_PORT`] = String(node.peerPort);
    extra[`PGDEMO_NODE_${key}_DATA`] = node.dataDir;
    extra[`PGDEMO_NODE_${key}_SOCKET`] = node.socketDir;
    extra[`PGDEMO_NODE_${key}_LOG`] = node.logFile;
  }
  return {
    // the PostgreSQL binaries first, then the project's substitutes of the version-bound tools they lack, then the
    // system's PATH, then the substitute psql for when no psql is installed anywhere (server/cluster/embedded/tool-substitutes/substitutes.ts)
    env: baseShellEnvironment({
      path: shellSearchPath(options.binDir, (options.systemPath ?? process.env.PATH?.split(':') ?? SYSTEM_PATH).join(':')).split(':'),
      scratchDir: options.scratchDir,
      bashEnv: DOCKER_SHIM,
      control,
      extra,
    }),
    cwd: options.scratchDir,
    ...(options.runAs ? { runAs: options.runAs } : {}),
  };
}
