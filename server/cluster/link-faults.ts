// What partition, heal and latency change in the faults in place (LinkStatus), whole-node or on one replication link;
// the rule that reads them back is shared/link-faults.ts (faultsOn). Pure: the cluster sets the result on its driver.
import { DemoError } from '../../shared/errors';
import { findLinkFault, joins } from '../../shared/link-faults';
import { topologyLinks, type TopologyName } from '../../shared/topology';
import type { LinkFault, LinkStatus, NodeName } from '../../shared/types';

/** A whole link: nothing cut, no added latency (the start state of every demo). */
export const NO_LINK_FAULTS: LinkStatus = Object.freeze({ partitioned: [], latencyMs: 0 }) as LinkStatus;

export type LinkEnds = LinkFault['between'];

/** The topology's replication link between these two nodes (upstream first), or BAD_REQUEST naming the links there are. */
export function requireLink(topology: TopologyName, a: NodeName, b: NodeName): LinkEnds {
  const links = topologyLinks(topology);
  const found = links.find((link) => joins(link, a, b));
  if (!found) {
    throw new DemoError('BAD_REQUEST', `${a} and ${b} are not a replication link of this cluster (topology ${topology}).`,
      { detail: `Its links: ${links.map(([x, y]) => `${x} ↔ ${y}`).join(', ')}.` });
  }
  return found;
}

/** The faults with this link's own entry changed (entries back to nothing are dropped, so `links` lists only faults). */
function withLinkFault(status: LinkStatus, between: LinkEnds, change: Partial<Pick<LinkFault, 'cut' | 'latencyMs'>>): LinkStatus {
  const own = findLinkFault(status.links, ...between) ?? { between, cut: false, latencyMs: 0 };
  const others = (status.links ?? []).filter((l) => l !== own);
  const changed = { between: own.between, cut: change.cut ?? own.cut, latencyMs: change.latencyMs ?? own.latencyMs };
  const links = changed.cut || changed.latencyMs ? [...others, changed] : others;
  const { links: _old, ...rest } = status;
  return links.length ? { ...rest, links } : rest;
}

export const cutLink = (status: LinkStatus, between: LinkEnds): LinkStatus => withLinkFault(status, between, { cut: true });
export const healLink = (status: LinkStatus, between: LinkEnds): LinkStatus => withLinkFault(status, between, { cut: false });
export const delayLink = (status: LinkStatus, between: LinkEnds, ms: number): LinkStatus =>
  withLinkFault(status, between, { latencyMs: ms });

/** `heal <node>` without a peer: the node is no longer cut off, and none of its links is (their latency stays). */
export function healNode(status: LinkStatus, node: NodeName): LinkStatus {
  const healed = { ...status, partitioned: status.partitioned.filter((n) => n !== node) };
  return cutLinksOf(status, node).reduce((faults, l) => healLink(faults, l.between), healed);
}

/** The node's links that are cut on their own (not by a whole-node partition). */
export const cutLinksOf = (status: LinkStatus, node: NodeName): LinkFault[] =>
  (status.links ?? []).filter((l) => l.cut && l.between.includes(node));
