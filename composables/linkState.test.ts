import { describe, expect, it } from 'vitest';
import type { ClusterStatus, NodeStatus } from '../shared/types';
import { linkLabel, linkState, streamLinks } from './linkState';

const node = (over: Partial<NodeStatus>): NodeStatus => ({
  name: 'postgres-standby', role: 'standby', state: 'running', port: 1, timeline: 1, currentLsn: null, replayLsn: null,
  lagBytes: 0, replicationState: 'streaming', syncState: 'async', upstream: 'postgres-primary', slot: null, ...over,
});
const primary = node({ name: 'postgres-primary', role: 'primary', upstream: null, replicationState: null });
const status = (standby: NodeStatus, link: Partial<ClusterStatus['link']> = {}, up = primary) =>
  ({ nodes: [up, standby], link: { partitioned: [], latencyMs: 0, ...link } });

describe('linkState', () => {
  it('streams when both ends run and nothing is injected', () => {
    expect(linkState(status(node({})), node({}))).toBe('streaming');
  });

  it('is delayed when the link has added latency, and says by how much', () => {
    expect(linkState(status(node({}), { latencyMs: 20 }), node({}))).toBe('delayed');
    expect(linkLabel('delayed', 20)).toBe('streaming, +20 ms');
  });

  it('is paused while either end is frozen, even though the primary still lists it as streaming', () => {
    const frozen = node({ state: 'frozen' });
    expect(linkState(status(frozen), frozen)).toBe('paused');
    expect(linkState(status(node({}), {}, { ...primary, state: 'frozen' }), node({}))).toBe('paused');
  });

  it('is cut when either end is partitioned: that wins over everything else', () => {
    const frozen = node({ state: 'frozen' });
    expect(linkState(status(frozen, { partitioned: ['postgres-standby'], latencyMs: 20 }), frozen)).toBe('cut');
    expect(linkState(status(node({}), { partitioned: ['postgres-primary'] }), node({}))).toBe('cut');
  });

  it('is down when an end is stopped or the standby does not stream', () => {
    expect(linkState(status(node({}), {}, { ...primary, state: 'stopped' }), node({}))).toBe('down');
    const refused = node({ replicationState: null });
    expect(linkState(status(refused), refused)).toBe('down');
  });
});

describe('linkState with three nodes', () => {
  const standby = node({})
  const standby2 = node({ name: 'postgres-standby2', upstream: 'postgres-standby' })
  const cascade = (link: Partial<ClusterStatus['link']>) =>
    ({ nodes: [primary, standby, standby2], link: { partitioned: [], latencyMs: 0, ...link } })

  it('a fault on the middle link of a cascade shows on that link only', () => {
    const s = cascade({ links: [{ between: ['postgres-standby', 'postgres-standby2'], cut: false, latencyMs: 300 }] })
    expect(linkState(s, standby2)).toBe('delayed')
    expect(linkState(s, standby)).toBe('streaming')
  })

  it('a cut per link leaves the other link streaming', () => {
    const s = cascade({ links: [{ between: ['postgres-primary', 'postgres-standby'], cut: true, latencyMs: 0 }] })
    expect(linkState(s, standby)).toBe('cut')
    expect(linkState(s, standby2)).toBe('streaming')
  })
})

describe('streamLinks', () => {
  const standby2 = node({ name: 'postgres-standby2', upstream: 'postgres-standby', lagBytes: 4096 })
  it('one per standby with an upstream, each in its own state, with its lag', () => {
    const s = { nodes: [primary, node({}), standby2], link: { partitioned: [], latencyMs: 0,
      links: [{ between: ['postgres-standby', 'postgres-standby2'] as ['postgres-standby', 'postgres-standby2'], cut: true, latencyMs: 0 }] } }
    expect(streamLinks(s)).toEqual([
      { from: 'postgres-primary', to: 'postgres-standby', state: 'streaming', label: 'streaming', lagBytes: 0 },
      { from: 'postgres-standby', to: 'postgres-standby2', state: 'cut', label: 'link cut', lagBytes: 4096 },
    ])
  })

  it('none into a primary or a standby that names no upstream', () => {
    expect(streamLinks(status(node({ upstream: null, replicationState: null })))).toEqual([])
  })
})
