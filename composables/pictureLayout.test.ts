import { describe, expect, it } from 'vitest';
import { NODE_NAMES, type NodeName } from '../shared/types';
import { pictureLayout } from './pictureLayout';

const [P, S, S2] = NODE_NAMES;
const PAIR: NodeName[] = [P, S];
const THREE: NodeName[] = [P, S, S2];
const link = (from: NodeName, to: NodeName) => ({ from, to });
/** "name@column,row+rows" for each node, and each link as drawn, left end first: "from->to@…" or "to<-from@…" */
const sketch = (layout: ReturnType<typeof pictureLayout>) => [
  ...layout.nodes.map((n) => `${n.name}@${n.column},${n.row}+${n.rows}`),
  ...layout.gaps.flatMap((g) => (g.links.length ? g.links : [{ from: '', to: '', rightward: true }])
    .map((l) => `${l.rightward ? `${l.from}->${l.to}` : `${l.to}<-${l.from}`}@${g.column},${g.row}+${g.rows}`)),
];

describe('the pair, as it always was drawn', () => {
  it('primary, the link, the standby: one row of three columns', () => {
    const layout = pictureLayout(PAIR, [link(P, S)]);
    expect(layout).toMatchObject({ kind: 'row', columns: 3, rows: 1 });
    expect(sketch(layout)).toEqual([`${P}@0,0+1`, `${S}@2,0+1`, `${P}->${S}@1,0+1`]);
  });

  it('after a failover the nodes keep their places and the arrow turns round', () => {
    expect(sketch(pictureLayout(PAIR, [link(S, P)]))).toEqual([`${P}@0,0+1`, `${S}@2,0+1`, `${P}<-${S}@1,0+1`]);
  });

  it('with no replication the gap is there, empty (it says so)', () => {
    const layout = pictureLayout(PAIR, []);
    expect(layout.gaps).toEqual([{ column: 1, row: 0, rows: 1, links: [] }]);
  });

  it('two standbys of each other (a split brain gone wrong): both arrows in the one gap', () => {
    const layout = pictureLayout(PAIR, [link(P, S), link(S, P)]);
    expect(layout.gaps[0]!.links.map((l) => l.rightward)).toEqual([true, false]);
  });
});

describe('three nodes', () => {
  it('a cascade is a chain: primary -> standby -> standby2, the second arrow starting at the standby', () => {
    const layout = pictureLayout(THREE, [link(P, S), link(S, S2)]);
    expect(layout).toMatchObject({ kind: 'row', columns: 5, rows: 1 });
    expect(sketch(layout)).toEqual([`${P}@0,0+1`, `${S}@2,0+1`, `${S2}@4,0+1`, `${P}->${S}@1,0+1`, `${S}->${S2}@3,0+1`]);
  });

  it('two standbys of the primary are a fan: the primary spans both rows, one arrow into each standby', () => {
    const layout = pictureLayout(THREE, [link(P, S), link(P, S2)]);
    expect(layout).toMatchObject({ kind: 'tree', columns: 3, rows: 2 });
    expect(sketch(layout)).toEqual([`${P}@0,0+2`, `${S}@2,0+1`, `${S2}@2,1+1`, `${P}->${S}@1,0+1`, `${P}->${S2}@1,1+1`]);
 
    // one trunk out of the primary's middle: down from the upper arrow, up from the lower one
    expect(layout.gaps.map((g) => g.branch)).toEqual(['down', 'up']);
  });

  it('the promoted standby between the other two feeds them both in place: arrows out to either side', () => {
    expect(sketch(pictureLayout(THREE, [link(S, P), link(S, S2)])))
      .toEqual([`${P}@0,0+1`, `${S}@2,0+1`, `${S2}@4,0+1`, `${P}<-${S}@1,0+1`, `${S}->${S2}@3,0+1`]);
  });

  it('the promoted standby2 feeding the other two is a fan from it', () => {
    expect(sketch(pictureLayout(THREE, [link(S2, P), link(S2, S)])))
      .toEqual([`${P}@2,0+1`, `${S}@2,1+1`, `${S2}@0,0+2`, `${S2}->${P}@1,0+1`, `${S2}->${S}@1,1+1`]);
  });

  it('after a failover with the old primary down, the chain keeps the places: no replication beside the old primary', () => {
    const layout = pictureLayout(THREE, [link(S2, S)]);
    expect(layout.kind).toBe('row');
    expect(sketch(layout)).toEqual([`${P}@0,0+1`, `${S}@2,0+1`, `${S2}@4,0+1`, '->@1,0+1', `${S}<-${S2}@3,0+1`]);
  });

  it('a link that would jump over a node makes a tree; the node alone gets a row of its own', () => {
    const layout = pictureLayout(THREE, [link(P, S2)]);
    expect(sketch(layout)).toEqual([`${P}@0,0+1`, `${S}@0,1+1`, `${S2}@2,0+1`, `${P}->${S2}@1,0+1`]);
    expect(layout.gaps[0]!.branch).toBeUndefined(); // one arrow straight across: no trunk
  });

  it('a loop with no upstream to start from is still drawn, each node once', () => {
    const layout = pictureLayout(THREE, [link(P, S2), link(S2, S), link(S, P)]);
    expect(layout.nodes.map((n) => n.name)).toEqual(THREE);
    expect(new Set(layout.nodes.map((n) => `${n.column},${n.row}`)).size).toBe(3);
  });

  it('a link to a node the cluster does not list is left out', () => {
    expect(pictureLayout(PAIR, [link(P, S), link(P, S2)]).gaps[0]!.links).toHaveLength(1);
  });
});
