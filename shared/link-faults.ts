// What the faults in place do to one replication link: the one rule the relays that inject them, the status that
// reports them and the deck that draws them all follow. Whole-node faults (`partitioned`, `latencyMs`) act on every
// link of a node; a per-link fault (`links`) on its two ends only, and its latency adds to the whole cluster's.
import type { NodeName } from './types';

/** The faults in place, read-only (a LinkStatus, or the page's frozen snapshot of one). */
export interface LinkFaultsView {
  readonly partitioned: readonly NodeName[];
  readonly latencyMs: number;
  readonly links?: readonly LinkFaultView[];
}
interface LinkFaultView {
  readonly between: readonly [NodeName, NodeName];
  readonly cut: boolean;
  readonly latencyMs: number;
}

/** The faults the link between these two nodes (either order) is under. */
export function faultsOn(status: LinkFaultsView, a: NodeName, b: NodeName): { cut: boolean; latencyMs: number } {
  const own = findLinkFault(status.links, a, b);
  return {
    cut: status.partitioned.includes(a) || status.partitioned.includes(b) || (own?.cut ?? false),
    latencyMs: status.latencyMs + (own?.latencyMs ?? 0),
  };
}

/** Whether a link's two ends are these two nodes, in either order. */
export const joins = ([x, y]: readonly [NodeName, NodeName], a: NodeName, b: NodeName): boolean =>
  (x === a && y === b) || (x === b && y === a);

/** The per-link entry for these two nodes (either order), if any. */
export function findLinkFault<F extends LinkFaultView>(links: readonly F[] | undefined, a: NodeName, b: NodeName): F | undefined {
  return links?.find(({ between }) => joins(between, a, b));
}

/**
 * The faults on a connection to `target` from a node that did not say which it is (a relay that cannot tell: the
 * shell's psql, pg_basebackup, a demo's own application_name): the worst of target's links to any of `others`, so a
 * cut or slow link is never bypassed. In the pair this is exactly the one link's.
 */
export function faultsReaching(status: LinkFaultsView, target: NodeName, others: readonly NodeName[]): { cut: boolean; latencyMs: number } {
  const each = others.filter((n) => n !== target).map((n) => faultsOn(status, n, target));
  return { cut: each.some((f) => f.cut), latencyMs: Math.max(status.latencyMs, ...each.map((f) => f.latencyMs)) };
}
