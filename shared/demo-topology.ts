// Which topology each demo runs on: the one place the deck's "Reset for this demo", rehearse and the browser tests
// read. A demo's reset brings its shape, so a demo after one with three nodes never inherits them; a reset within a
// demo (its own slide, its own button) brings another shape before the block it names. See docs/topologies.md.
import { DEFAULT_TOPOLOGY, type TopologyName } from './topology';

/** Demos that are not the seed's pair; every other demo (and the drill) resets to the pair. */
const DEMO_TOPOLOGIES: Readonly<Record<string, TopologyName>> = {
  demo8: 'two-standbys',
};

/** A reset within a demo, on the slide of the block it names: that block and the ones after it run on this shape. */
export const MID_DEMO_RESETS: Readonly<Record<string, TopologyName>> = {
  'demo8/07-cascade-walsenders': 'cascade',
  'demo8/10-failover-by-lsn': 'two-standbys',
};

/** `demo8` → the topology its first slide's reset brings. */
export const demoTopology = (demo: string): TopologyName => DEMO_TOPOLOGIES[demo] ?? DEFAULT_TOPOLOGY;

/** The topology a reset placed before this block brings, if the demo resets there. */
export const resetBefore = (block: string): TopologyName | undefined => MID_DEMO_RESETS[block];
