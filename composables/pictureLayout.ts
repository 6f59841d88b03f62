// Where the topology picture places each node and each replication link, from who streams from whom right now. Two
// arrangements: `across` (the picture in a row) and `down` (three nodes where the room is narrow: a tree, upstreams
// above the standbys they feed, that the picture turns on its side).
// Across, the nodes stand in a row in which every link joins two neighbours: the project's order when it allows that
// (the pair as it always was, the arrow turning round after a failover; a cascade as a chain), else the next order
// that does (two standbys of the primary: standby <- primary -> standby2, a fan as low as the pair). Only a loop has
// no such order: then the tree. Pure: tested without a browser.
import type { NodeName } from '../shared/types';

/** A link as the picture needs it: its ends, upstream first. */
export interface PictureLink { from: NodeName; to: NodeName }

/** A grid area, 0-based: node columns are even (0, 2, 4), the gaps between them odd; `rows` is how many rows it spans. */
export interface Area { column: number; row: number; rows: number }
export interface NodePlace extends Area { name: NodeName }
/** The room between two node columns and the links drawn in it; `forward`: the upstream is on the left (or above). */
export interface GapPlace<L extends PictureLink> extends Area { links: (L & { forward: boolean })[] }

export interface PictureLayout<L extends PictureLink> {
  kind: 'row' | 'tree';
  columns: number;
  rows: number;
  nodes: NodePlace[];
  gaps: GapPlace<L>[];
}

/** `nodes` in the order the project shows them; links whose ends are not both among them are left out. */
export function pictureLayouts<L extends PictureLink>(nodes: readonly NodeName[], allLinks: readonly L[]): { across: PictureLayout<L>; down: PictureLayout<L> } {
  const links = allLinks.filter((l) => nodes.includes(l.from) && nodes.includes(l.to) && l.from !== l.to);
  const down = treeLayout(nodes, links);
  const order = orders(nodes).find((o) => links.every((l) => Math.abs(o.indexOf(l.from) - o.indexOf(l.to)) === 1));
  return { across: order ? rowLayout(order, links) : down, down };
}

/** Every order of the nodes, the given one first (a handful: the project has three names). */
function orders(nodes: readonly NodeName[]): NodeName[][] {
  if (nodes.length <= 1) return [[...nodes]];
  return nodes.flatMap((first, i) => orders(nodes.filter((_, j) => j !== i)).map((rest) => [first, ...rest]));
}

function rowLayout<L extends PictureLink>(order: readonly NodeName[], links: readonly L[]): PictureLayout<L> {
  const at = (name: NodeName) => order.indexOf(name);
  return {
    kind: 'row',
    columns: Math.max(1, order.length * 2 - 1),
    rows: 1,
    nodes: order.map((name, i) => ({ name, column: i * 2, row: 0, rows: 1 })),
    // a gap between each two neighbours, empty or not: an empty one says there is no replication there
    gaps: order.slice(1).map((_, i) => ({
      column: i * 2 + 1, row: 0, rows: 1,
      links: links.filter((l) => Math.min(at(l.from), at(l.to)) === i).map((l) => ({ ...l, forward: at(l.from) < at(l.to) })),
    })),
  };
}

function treeLayout<L extends PictureLink>(nodes: readonly NodeName[], links: readonly L[]): PictureLayout<L> {
  const placed: NodePlace[] = [];
  const gaps: GapPlace<L>[] = [];
  let nextRow = 0;
  // depth-first from each upstream, standbys in the project's order; a node reached twice (a loop) is placed once
  const place = (name: NodeName, depth: number): Area => {
    const node: NodePlace = { name, column: depth * 2, row: nextRow, rows: 1 };
    placed.push(node);
    for (const link of links.filter((l) => l.from === name)) {
      if (placed.some((p) => p.name === link.to)) continue;
      const child = place(link.to, depth + 1);
      gaps.push({ column: depth * 2 + 1, row: child.row, rows: child.rows, links: [{ ...link, forward: true }] });
    }
    if (nextRow === node.row) nextRow++; // it feeds nobody: a row of its own
    node.rows = nextRow - node.row;
    return node;
  };
  const roots = nodes.filter((n) => !links.some((l) => l.to === n));
  for (const name of [...roots, ...nodes]) if (!placed.some((p) => p.name === name)) place(name, 0);
  const columns = Math.max(...placed.map((p) => p.column)) + 1;
  return { kind: 'tree', columns, rows: nextRow, nodes: placed.sort((a, b) => nodes.indexOf(a.name) - nodes.indexOf(b.name)), gaps };
}
