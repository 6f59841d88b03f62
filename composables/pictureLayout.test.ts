import { describe, expect, it } from 'vitest';
import { NODE_NAMES, type NodeName } from '../shared/types';
import { pictureLayouts, type PictureLayout, type PictureLink } from './pictureLayout';

const [P, S, S2] = NODE_NAMES;
const PAIR: NodeName[] = [P, S];
const THREE: NodeName[] = [P, S, S2];
const link = (from: NodeName, to: NodeName) => ({ from, to });
/** "name@column,row+rows" for each node, and each link as drawn, left (or upper) end first: "from->to@…" or "to<-from@…" */
const sketch = (layout: PictureLayout<PictureLink>) => [
  ...layout.nodes.map((n) => `${n.name}@${n.column},${n.row}+${n.rows}`),
  ...layout.gaps.flatMap((g) => (g.links.length ? g.links : [{ from: '', to: '', forward: true }])
    .map((l) => `${l.forward ? `${l.from}->${l.to}` : `${l.to}<-${l.from}`}@${g.column},${g.row}+${g.rows}`)),
];
const across = (nodes: NodeName[], links: PictureLink[]) => pictureLayouts(nodes, links).across;
const down = (nodes: NodeName[], links: PictureLink[]) => pictureLayouts(nodes, links).down;

describe('the pair, as it always was drawn', () => {
  it('primary, the link, the standby: one row of three columns', () => {
    const layout = across(PAIR, [link(P, S)]);
    expect(layout).toMatchObject({ kind: 'row', columns: 3, rows: 1 });
    expect(sketch(layout)).toEqual([`${P}@0,0+1`, `${S}@2,0+1`, `${P}->${S}@1,0+1`]);
  });

  it('after a failover the nodes keep their places and the arrow turns round', () => {
    expect(sketch(across(PAIR, [link(S, P)]))).toEqual([`${P}@0,0+1`, `${S}@2,0+1`, `${P}<-${S}@1,0+1`]);
  });

  it('with no replication the gap is there, empty (it says so)', () => {
    expect(across(PAIR, []).gaps).toEqual([{ column: 1, row: 0, rows: 1, links: [] }]);
  });

  it('two standbys of each other (a split brain gone wrong): both arrows in the one gap', () => {
    expect(across(PAIR, [link(P, S), link(S, P)]).gaps[0]!.links.map((l) => l.forward)).toEqual([true, false]);
  });
});

describe('three nodes, across', () => {
  it('a cascade is a chain: primary -> standby -> standby2, the second arrow starting at the standby', () => {
    const layout = across(THREE, [link(P, S), link(S, S2)]);
    expect(layout).toMatchObject({ kind: 'row', columns: 5, rows: 1 });
    expect(sketch(layout)).toEqual([`${P}@0,0+1`, `${S}@2,0+1`, `${S2}@4,0+1`, `${P}->${S}@1,0+1`, `${S}->${S2}@3,0+1`]);
  });

  it('two standbys of the primary are a fan in one row: standby <- primary -> standby2', () => {
    expect(sketch(across(THREE, [link(P, S), link(P, S2)])))
      .toEqual([`${S}@0,0+1`, `${P}@2,0+1`, `${S2}@4,0+1`, `${S}<-${P}@1,0+1`, `${P}->${S2}@3,0+1`]);
  });

  it('the promoted standby between the other two feeds them both in place', () => {
    expect(sketch(across(THREE, [link(S, P), link(S, S2)])))
      .toEqual([`${P}@0,0+1`, `${S}@2,0+1`, `${S2}@4,0+1`, `${P}<-${S}@1,0+1`, `${S}->${S2}@3,0+1`]);
  });

  it('after a failover with the old primary down, the chain keeps the places: no replication beside the old primary', () => {
    const layout = across(THREE, [link(S2, S)]);
    expect(sketch(layout)).toEqual([`${P}@0,0+1`, `${S}@2,0+1`, `${S2}@4,0+1`, '->@1,0+1', `${S}<-${S2}@3,0+1`]);
  });

  it('a loop has no row in which every link joins neighbours: the tree, each node once', () => {
    const layout = across(THREE, [link(P, S2), link(S2, S), link(S, P)]);
    expect(layout.kind).toBe('tree');
    expect(layout.nodes.map((n) => n.name)).toEqual(THREE);
    expect(new Set(layout.nodes.map((n) => `${n.column},${n.row}`)).size).toBe(3);
  });

  it('a link to a node the cluster does not list is left out', () => {
    expect(across(PAIR, [link(P, S), link(P, S2)]).gaps[0]!.links).toHaveLength(1);
  });
});

describe('three nodes, down (turned on its side where the room is narrow)', () => {
  it('two standbys: the primary spans both standbys, one arrow into each', () => {
    const layout = down(THREE, [link(P, S), link(P, S2)]);
    expect(layout).toMatchObject({ kind: 'tree', columns: 3, rows: 2 });
    expect(sketch(layout)).toEqual([`${P}@0,0+2`, `${S}@2,0+1`, `${S2}@2,1+1`, `${P}->${S}@1,0+1`, `${P}->${S2}@1,1+1`]);
  });

  it('a cascade: a chain, upstream first', () => {
    expect(sketch(down(THREE, [link(P, S), link(S, S2)])))
      .toEqual([`${P}@0,0+1`, `${S}@2,0+1`, `${S2}@4,0+1`, `${S}->${S2}@3,0+1`, `${P}->${S}@1,0+1`]);
  });

  it('a node that streams from nobody and feeds nobody gets a row of its own', () => {
    expect(sketch(down(THREE, [link(P, S2)]))).toEqual([`${P}@0,0+1`, `${S}@0,1+1`, `${S2}@2,0+1`, `${P}->${S2}@1,0+1`]);
  });
});
