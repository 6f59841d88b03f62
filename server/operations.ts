// One place that turns an action name + parameters into a call on the Cluster, shared by the HTTP route and the CLI.
import { z } from 'zod';
import type { Cluster } from './cluster/cluster';
import { DemoError } from '../shared/errors';
import { CLUSTER_ACTIONS, NODE_NAMES, type ClusterAction, type OperationReport } from '../shared/types';

export const actionParamsSchema = z.strictObject({
  node: z.enum(NODE_NAMES).optional(),
  upstream: z.enum(NODE_NAMES).optional(),
  on: z.boolean().optional(),
  /** latency: added round-trip time in ms (0 clears it) */
  ms: z.number().int().min(0).max(10_000).optional(),
  /** rebuild only: leave the node stopped with a self-contained copy (the pg_rewind/pg_basebackup substitutes) */
  leaveStopped: z.boolean().optional(),
});
export type ActionParams = z.infer<typeof actionParamsSchema>;

const NODE_ACTIONS = ['freeze', 'thaw', 'crash', 'stop', 'start', 'promote', 'rewind', 'partition', 'heal'] as const;

/** what each action reads from the request's body */
const PARAMS_OF: Record<ClusterAction, readonly (keyof ActionParams)[]> = {
  up: [], down: [], reset: [], destroy: [],
  ...Object.fromEntries(NODE_ACTIONS.map((a) => [a, ['node']])) as Record<(typeof NODE_ACTIONS)[number], ['node']>,
  rebuild: ['node', 'leaveStopped'], follow: ['node', 'upstream'], sync: ['on'], latency: ['ms'],
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
    case 'up': return cluster.up();
    case 'down': return cluster.down();
    case 'reset': return cluster.reset();
    case 'destroy': return cluster.destroy();
    case 'follow': return cluster.follow(nodeOf(), requireParam(params.upstream, action, 'an upstream node'));
    case 'sync': return cluster.setSync(requireParam(params.on, action, '"on": true or false'));
    case 'latency': return cluster.setLatency(requireParam(params.ms, action, '"ms": the added round-trip time (0 clears it)'));
    case 'rebuild': return cluster.rebuild(nodeOf(), params.leaveStopped ? { leaveStopped: true } : undefined);
    default: {
      const nodeAction: (typeof NODE_ACTIONS)[number] = action;
      return cluster[nodeAction](nodeOf());
    }
  }
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
