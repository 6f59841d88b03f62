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

/** The per-link entry for these two nodes (either order), if any. */
export function findLinkFault<F extends LinkFaultView>(links: readonly F[] | undefined, a: NodeName, b: NodeName): F | undefined {
  return links?.find(({ between: [x, y] }) => (x === a && y === b) || (x === b && y === a));
}
