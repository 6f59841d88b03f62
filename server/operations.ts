// One place that turns an action name + parameters into a call on the Cluster, shared by the HTTP route, the page's
// channel and the CLI.
import type { Cluster } from './cluster/cluster';
import { DemoError } from '../shared/errors';
import { CLUSTER_ACTIONS, NODE_NAMES, type ClusterAction, type NodeName, type OperationReport, type OperationResponse, type SyncQuorum } from '../shared/types';
import type { ActionParams } from '../shared/wire';

const NODE_ACTIONS = ['freeze', 'thaw', 'crash', 'stop', 'start', 'promote', 'rewind'] as const;

/** what each action reads from the request's body */
const PARAMS_OF: Record<ClusterAction, readonly (keyof ActionParams)[]> = {
  up: ['topology'], down: [], reset: ['topology'], destroy: [],
  ...Object.fromEntries(NODE_ACTIONS.map((a) => [a, ['node']])) as Record<(typeof NODE_ACTIONS)[number], ['node']>,
  rebuild: ['node', 'leaveStopped'], follow: ['node', 'upstream'], sync: ['on', 'method', 'num', 'nodes'],
  partition: ['node', 'peer'], heal: ['node', 'peer'], latency: ['ms', 'node', 'peer'],
};

export function isClusterAction(name: string): name is ClusterAction {
  return (CLUSTER_ACTIONS as readonly string[]).includes(name);
}

function requireParam<T>(value: T | undefined, action: string, what: string): T {
  if (value === undefined) throw new DemoError('BAD_REQUEST', `"${action}" needs ${what}.`);
  return value;
}

export function runClusterAction(cluster: Cluster, action: string, params: ActionParams): Promise<OperationReport> {
  if (!isClusterAction(action)) {
    throw new DemoError('BAD_REQUEST', `Unknown action "${action}".`, { detail: `Valid: ${CLUSTER_ACTIONS.join(', ')}` });
  }
  // a parameter the action does not take is refused, not ignored: `up` with a node is a caller's mistake, and a
  // request that means something else must not do something
  const extra = Object.keys(params).filter((key) => params[key as keyof ActionParams] !== undefined
    && !(PARAMS_OF[action] as readonly string[]).includes(key));
  if (extra.length > 0) {
    throw new DemoError('BAD_REQUEST', `"${action}" takes ${PARAMS_OF[action].length ? PARAMS_OF[action].map((k) => `"${k}"`).join(', ') : 'no parameters'}, not ${extra.map((k) => `"${k}"`).join(', ')}.`);
  }
  const nodeOf = () => requireParam(params.node, action, `a node (${NODE_NAMES.join(' or ')})`);
  switch (action) {
    case 'up': return cluster.up(params.topology);
    case 'down': return cluster.down();
    case 'reset': return cluster.reset(params.topology);
    case 'destroy': return cluster.destroy();
    case 'follow': return cluster.follow(nodeOf(), requireParam(params.upstream, action, 'an upstream node'));
    case 'sync': return cluster.setSync(...syncParams(params));
    case 'partition': return cluster.partition(nodeOf(), params.peer);
    case 'heal': return cluster.heal(nodeOf(), params.peer);
    case 'latency': return cluster.setLatency(requireParam(params.ms, action, '"ms": the added round-trip time (0 clears it)'),
      linkParams(params));
    case 'rebuild': return cluster.rebuild(nodeOf(), params.leaveStopped ? { leaveStopped: true } : undefined);
    default: {
      const nodeAction: (typeof NODE_ACTIONS)[number] = action;
      return cluster[nodeAction](nodeOf());
    }
  }
}

/** latency's optional link: both of `node` and `peer`, or neither (every link). */
function linkParams({ node, peer }: ActionParams): [NodeName, NodeName] | undefined {
  if (node === undefined && peer === undefined) return undefined;
  if (node === undefined || peer === undefined) {
    throw new DemoError('BAD_REQUEST', '"latency" on one link needs both "node" and "peer" (its two ends); without both it acts on every link.');
  }
  return [node, peer];
}

/** sync's two forms: `{on}` (the one standby, the pair's), or a quorum `{method, num, nodes}` (on: true implied). */
function syncParams({ on, method, num, nodes }: ActionParams): [boolean, SyncQuorum?] {
  if (method === undefined && num === undefined && nodes === undefined) {
    return [requireParam(on, 'sync', '"on": true or false, or "method", "num" and "nodes"')];
  }
  if (method === undefined || num === undefined || nodes === undefined || on === false) {
    throw new DemoError('BAD_REQUEST', '"sync" with a quorum needs "method" (any or first), "num" and "nodes" together, and no "on": false.');
  }
  return [true, { method, num, nodes }];
}

/** Answers within `ms` even if the work behind it does not (a frozen node must never hang a request). */
export async function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DemoError('TIMEOUT', `${what} did not finish within ${ms / 1000} s.`)), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

const OPERATION_TIMEOUT_MS = 90_000;
export const STATUS_TIMEOUT_MS = 8_000;

/** An action asked of the sidecar (HTTP or the page's channel): its report and the status after it, each in its time. */
export async function actAndReport(cluster: Cluster, action: string, params: ActionParams): Promise<OperationResponse> {
  const report = await withTimeout(runClusterAction(cluster, action, params), OPERATION_TIMEOUT_MS, `"${action}"`);
  const status = await withTimeout(cluster.status(), STATUS_TIMEOUT_MS, 'Reading the cluster status');
  return { ...report, status };
}
