// Who streams from whom, read from each node's files (standby.signal, primary_conninfo) through the driver: what a
// node does when it starts, so it serves a stopped pair (in which order to start it) as well as a running one (what
// to wait for). Over the list of nodes, not two names: a cascade or a second standby needs nothing new here.
import type { NodeName } from '../../../shared/types';
import type { ClusterDriver } from '../driver';
import { streamingNameOf } from '../naming';
import { nodeFacts } from '../node-files';
import { waitForStreaming } from '../sql/replication';
import { nodeOfConninfoFor } from '../status';

export interface NodeStream {
  node: NodeName;
  /** what its files say it starts as ('unknown': no data folder) */
  role: 'primary' | 'standby' | 'unknown';
  /** the node of the pair its primary_conninfo points at; null for a primary or a standby of no node of the pair */
  upstream: NodeName | null;
  /** the application_name it streams with (what its upstream's pg_stat_replication shows) */
  applicationName: string;
}

/** `nodes`: the cluster's (its topology's). */
export async function readStreams(driver: ClusterDriver, nodes: readonly NodeName[]): Promise<NodeStream[]> {
  const nodeOf = nodeOfConninfoFor(driver, nodes);
  return Promise.all(nodes.map(async (node) => {
    const facts = await nodeFacts(driver, node);
    const standby = facts.role === 'standby';
    return {
      node,
      role: facts.role === 'unknown' ? 'unknown' : facts.role,
      upstream: standby ? nodeOf(facts.primaryConninfo) : null,
      applicationName: streamingNameOf(facts.primaryConninfo, node),
    } satisfies NodeStream;
  }));
}

/**
 * Upstreams before their standbys: a standby started before its upstream accepts connections retries only every
 * 5 s. A standby of no node of the pair (or of a loop) counts as one step down.
 */
export function upstreamsFirst(streams: readonly NodeStream[]): NodeName[] {
  return upstreamLevels(streams).flat();
}

/**
 * The same order in steps: each step's nodes stream from nodes of earlier steps only, so they may start at once
 * (the two standbys of a primary do; a cascade's standby2 waits for the standby).
 */
export function upstreamLevels(streams: readonly NodeStream[]): NodeName[][] {
  const byName = new Map(streams.map((s) => [s.node, s]));
  const depth = (s: NodeStream, seen: Set<NodeName>): number => {
    if (s.role !== 'standby') return 0;
    const upstream = s.upstream && !seen.has(s.upstream) ? byName.get(s.upstream) : undefined;
    return upstream ? 1 + depth(upstream, new Set([...seen, s.node])) : 1;
  };
  const levels: NodeName[][] = [];
  for (const s of streams) (levels[depth(s, new Set([s.node]))] ??= []).push(s.node);
  return levels.filter(Boolean);
}

export interface StreamFailure {
  node: NodeName;
  upstream: NodeName;
  error: unknown;
}

/**
 * Waits, all at once, for each running standby to stream from its upstream (`withReplay`: and to have sent its first
 * feedback); returns those that did not within `timeoutMs`.
 */
export async function standbysNotStreaming(driver: ClusterDriver, streams: readonly NodeStream[],
  options: { timeoutMs: number; withReplay?: boolean }): Promise<StreamFailure[]> {
  const failures: StreamFailure[] = [];
  await Promise.all(streams.map(async ({ node, role, upstream, applicationName }) => {
    if (role !== 'standby' || !upstream || (await driver.processState(node)).state !== 'running') return;
    try {
      await waitForStreaming(driver.connection(upstream), upstream, applicationName, options);
    } catch (error) {
      failures.push({ node, upstream, error });
    }
  }));
  return failures;
}
