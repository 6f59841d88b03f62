import { describe, expect, it } from 'vitest';
import { upstreamLevels, upstreamsFirst, type NodeStream } from './streams';

const primary = (node: NodeStream['node']): NodeStream => ({ node, role: 'primary', upstream: null, applicationName: node });
const standby = (node: NodeStream['node'], upstream: NodeStream['upstream']): NodeStream =>
  ({ node, role: 'standby', upstream, applicationName: node });

describe('upstreamsFirst', () => {
  it('starts the fresh pair primary first', () => {
    expect(upstreamsFirst([primary('postgres-primary'), standby('postgres-standby', 'postgres-primary')]))
      .toEqual(['postgres-primary', 'postgres-standby']);
  });

  it('starts a swapped pair with the new primary first', () => {
    expect(upstreamsFirst([standby('postgres-primary', 'postgres-standby'), primary('postgres-standby')]))
      .toEqual(['postgres-standby', 'postgres-primary']);
  });

  it('keeps the order for two primaries, and for standbys of each other or of no node of the pair', () => {
    expect(upstreamsFirst([primary('postgres-primary'), primary('postgres-standby')]))
      .toEqual(['postgres-primary', 'postgres-standby']);
    expect(upstreamsFirst([standby('postgres-primary', 'postgres-standby'), standby('postgres-standby', 'postgres-primary')]))
      .toEqual(['postgres-primary', 'postgres-standby']);
    expect(upstreamsFirst([standby('postgres-primary', null), primary('postgres-standby')]))
      .toEqual(['postgres-standby', 'postgres-primary']);
  });
});

describe('upstreamLevels', () => {
  it('puts the two standbys of one primary in one step, after it', () => {
    expect(upstreamLevels([primary('postgres-primary'), standby('postgres-standby', 'postgres-primary'),
      standby('postgres-standby2', 'postgres-primary')]))
      .toEqual([['postgres-primary'], ['postgres-standby', 'postgres-standby2']]);
  });

  it('gives each node of a cascade its own step, the middle node before the end', () => {
    expect(upstreamLevels([primary('postgres-primary'), standby('postgres-standby2', 'postgres-standby'),
      standby('postgres-standby', 'postgres-primary')]))
      .toEqual([['postgres-primary'], ['postgres-standby'], ['postgres-standby2']]);
  });

  it('starts two primaries together, and a standby of no node of the pair after them', () => {
    expect(upstreamLevels([standby('postgres-standby2', null), primary('postgres-primary'), primary('postgres-standby')]))
      .toEqual([['postgres-primary', 'postgres-standby'], ['postgres-standby2']]);
  });
});
