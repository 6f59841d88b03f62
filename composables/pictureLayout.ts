// Where the topology picture places each node and each replication link, from who streams from whom right now.
// Nodes keep their places in the project's order (the pair as it always was: primary left, standby right, the arrow
// turning round after a failover) as long as every link joins two neighbours — the pair, a cascade drawn as a chain.
// Otherwise (one node feeding two standbys, a link that would jump over a node) the picture is a tree: each upstream
// on the left of the standbys it feeds, stacked, so a fan is two arrows out of one box. Pure: tested without a browser.
import type { NodeName } from '../shared/types';

/** A link as the picture needs it: its ends, upstream first. */
export interface PictureLink { from: NodeName; to: NodeName }

/** A grid area, 0-based: node columns are even (0, 2, 4), the gaps between them odd; `rows` is how many rows it spans. */
export interface Area { column: number; row: number; rows: number }
export interface NodePlace extends Area { name: NodeName }
/**
 * The room between two node columns and the links drawn in it; `rightward`: the upstream is on the left. `branch`: in
 * a fan, where the upstream's middle is from this link's row (the arrows branch off one trunk that starts there).
 */
export interface GapPlace<L extends PictureLink> extends Area { links: (L & { rightward: boolean })[]; branch?: 'up' | 'down' }

export interface PictureLayout<L extends PictureLink> {
  kind: 'row' | 'tree';
  columns: number;
  rows: number;
  nodes: NodePlace[];
  gaps: GapPlace<L>[];
}

/** `nodes` in the order the project shows them; links whose ends are not both among them are left out. */
export function pictureLayout<L extends PictureLink>(nodes: readonly NodeName[], allLinks: readonly L[]): PictureLayout<L> {
  const links = allLinks.filter((l) => nodes.includes(l.from) && nodes.includes(l.to) && l.from !== l.to);
  const at = (name: NodeName) => nodes.indexOf(name);
  return links.every((l) => Math.abs(at(l.from) - at(l.to)) === 1) ? rowLayout(nodes, links, at) : treeLayout(nodes, links);
}

function rowLayout<L extends PictureLink>(nodes: readonly NodeName[], links: readonly L[], at: (n: NodeName) => number): PictureLayout<L> {
  return {
    kind: 'row',
    columns: Math.max(1, nodes.length * 2 - 1),
    rows: 1,
    nodes: nodes.map((name, i) => ({ name, column: i * 2, row: 0, rows: 1 })),
    // a gap between each two neighbours, empty or not: an empty one says there is no replication there
    gaps: nodes.slice(1).map((_, i) => ({
      column: i * 2 + 1, row: 0, rows: 1,
      links: links.filter((l) => Math.min(at(l.from), at(l.to)) === i).map((l) => ({ ...l, rightward: at(l.from) < at(l.to) })),
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
    const fed = links.filter((l) => l.from === name && !placed.some((p) => p.name === l.to));
    fed.sort((a, b) => nodes.indexOf(a.to) - nodes.indexOf(b.to));
    const branches: GapPlace<L>[] = [];
    for (const link of fed) {
      if (placed.some((p) => p.name === link.to)) continue;
      const child = place(link.to, depth + 1);
      branches.push({ column: depth * 2 + 1, row: child.row, rows: child.rows, links: [{ ...link, rightward: true }] });
    }
    if (nextRow === node.row) nextRow++; // it feeds nobody: a row of its own
    node.rows = nextRow - node.row;
    const middle = node.row * 2 + node.rows; // twice the middle row, in whole numbers
    for (const gap of branches) {
      const own = gap.row * 2 + gap.rows;
      gaps.push(own === middle ? gap : { ...gap, branch: own < middle ? 'down' : 'up' });
    }
    return node;
  };
  const roots = nodes.filter((n) => !links.some((l) => l.to === n));
  for (const name of [...roots, ...nodes]) if (!placed.some((p) => p.name === name)) place(name, 0);
  const columns = Math.max(...placed.map((p) => p.column)) + 1;
  return { kind: 'tree', columns, rows: nextRow, nodes: placed.sort((a, b) => nodes.indexOf(a.name) - nodes.indexOf(b.name)), gaps };
}
