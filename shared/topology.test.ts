import { describe, expect, it } from 'vitest';
import {
  DEFAULT_TOPOLOGY, isTopologyName, PAIR_NODES, TOPOLOGY_NAMES, topologyLinks, topologyNodes, topologyStreams,
} from './topology';
import { NODE_NAMES } from './types';

describe('topologies', () => {
  it('keeps the seed\'s pair as the default, exactly', () => {
    expect(DEFAULT_TOPOLOGY).toBe('pair');
    expect(topologyNodes('pair')).toEqual([...PAIR_NODES]);
    expect(topologyStreams('pair')).toEqual([
      { node: 'postgres-primary', upstream: null },
      { node: 'postgres-standby', upstream: 'postgres-primary' },
    ]);
  });

  it('streams standby2 from the primary with two standbys, and from the standby in a cascade', () => {
    expect(topologyLinks('two-standbys')).toEqual([
      ['postgres-primary', 'postgres-standby'], ['postgres-primary', 'postgres-standby2'],
    ]);
    expect(topologyLinks('cascade')).toEqual([
      ['postgres-primary', 'postgres-standby'], ['postgres-standby', 'postgres-standby2'],
    ]);
  });

  it('lists each topology upstreams first, one primary, with nodes the project knows', () => {
    for (const name of TOPOLOGY_NAMES) {
      const streams = topologyStreams(name);
      expect(streams.filter((s) => s.upstream === null), name).toHaveLength(1);
      streams.forEach((s, i) => {
        expect(NODE_NAMES).toContain(s.node);
        if (s.upstream) expect(streams.slice(0, i).map((u) => u.node), `${name}: ${s.node}`).toContain(s.upstream);
      });
    }
  });

  it('tells topology names from anything else', () => {
    expect(TOPOLOGY_NAMES.every(isTopologyName)).toBe(true);
    for (const bad of ['Pair', 'three', '', null, 2, 'cascade ']) expect(isTopologyName(bad)).toBe(false);
  });
});
