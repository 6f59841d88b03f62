// Which node a substitute copies from: the conninfo (--source-server, -d) or -h/-p it was given, after docker-shim.bash
// turned `host=postgres-standby port=5432` into that node's loopback port.
import { ConninfoError, expandConninfo } from '../psql/conninfo';
import { nodeByPort, type NodeInfo } from './nodes';

export interface SourceSpec {
  conninfo?: string;
  host?: string;
  port?: string;
}

const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '::1']);

/** The node addressed, or a message saying why there is none. */
export function sourceNode(nodes: NodeInfo[], spec: SourceSpec, env: NodeJS.ProcessEnv): NodeInfo | string {
  let settings: Partial<Record<string, string>> = {};
  if (spec.conninfo) {
    try {
      settings = expandConninfo(spec.conninfo);
    } catch (err) {
      return (err as ConninfoError).message;
    }
  }
  const host = spec.host ?? settings.host ?? env.PGHOST ?? '';
  const port = Number(spec.port ?? settings.port ?? env.PGPORT ?? 5432);
  const node = nodeByPort(nodes, port);
  const hostIsLocal = LOCAL_HOSTS.has(host) || host.startsWith('/');
  if (!node || !hostIsLocal) {
    return `the source (host ${host || '(default)'}, port ${port}) is not one of the demo's nodes (${
      nodes.map((n) => `${n.name} on port ${n.port}`).join(', ')})`;
  }
  return node;
}
