// The cluster's shape, as a setting: which nodes exist and who streams from whom. Every part that means "the nodes
// of this cluster" asks here (with the topology the state folder records), never NODE_NAMES, which lists every name
// the project knows. Shared: the sidecar, the CLI and the deck read the same table. See docs/topologies.md.
import type { NodeName } from './types';

export const TOPOLOGY_NAMES = ['pair', 'two-standbys', 'cascade'] as const;
export type TopologyName = (typeof TOPOLOGY_NAMES)[number];
/** The seed's shape, unchanged: what a state folder without a topology record holds. */
export const DEFAULT_TOPOLOGY: TopologyName = 'pair';

/** One node of a topology and the node it streams from in the start state (null: the primary). */
export interface TopologyStream {
  node: NodeName;
  upstream: NodeName | null;
}

/** The seed's pair, as a tuple (the schemas of a backend's records that hold only a pair are made from it). */
export const PAIR_NODES = ['postgres-primary', 'postgres-standby'] as const satisfies readonly NodeName[];
export type PairNodeName = (typeof PAIR_NODES)[number];

/** A node of the pair (whose start state is saved), not one made from the standby's at each restore. */
export const isPairNode = (node: NodeName): node is PairNodeName => (PAIR_NODES as readonly NodeName[]).includes(node);

const primary: TopologyStream = { node: PAIR_NODES[0], upstream: null };
const standby: TopologyStream = { node: PAIR_NODES[1], upstream: PAIR_NODES[0] };

const TOPOLOGIES: Record<TopologyName, readonly TopologyStream[]> = {
  pair: [primary, standby],
  'two-standbys': [primary, standby, { node: 'postgres-standby2', upstream: 'postgres-primary' }],
  cascade: [primary, standby, { node: 'postgres-standby2', upstream: 'postgres-standby' }],
};

/** Who streams from whom in the topology's start state, upstreams first. */
export const topologyStreams = (topology: TopologyName): readonly TopologyStream[] => TOPOLOGIES[topology];

/** The nodes of the topology, in the order the project shows them. */
export const topologyNodes = (topology: TopologyName): NodeName[] => TOPOLOGIES[topology].map((s) => s.node);

/** The replication links of the start state: each standby and its upstream (where per-link faults act). */
export function topologyLinks(topology: TopologyName): [upstream: NodeName, standby: NodeName][] {
  return TOPOLOGIES[topology].flatMap((s) => (s.upstream ? [[s.upstream, s.node] as [NodeName, NodeName]] : []));
}

export function isTopologyName(name: unknown): name is TopologyName {
  return (TOPOLOGY_NAMES as readonly unknown[]).includes(name);
}

/** What a refused topology name is told: the valid ones. */
export const topologyChoices = (): string => TOPOLOGY_NAMES.join(', ');