// `pgdemo cluster status` as text: each replication link and what it is under (shared/link-faults.ts's rule), and
// the pair's output as it was when there is nothing per link to say.
import { describe, expect, it } from 'vitest';
import type { ClusterStatus, NodeName, NodeStatus } from '../../shared/types';
import { formatStatus } from './format-status';

function node(name: NodeName, upstream: NodeName | null): NodeStatus {
  return {
    name, role: upstream ? 'standby' : 'primary', state: 'running', port: 1, timeline: 1, currentLsn: '0/1', replayLsn: null,
    lagBytes: null, replicationState: upstream ? 'streaming' : null, syncState: upstream ? 'async' : null, upstream, slot: null,
  };
}

function status(nodes: NodeStatus[], link: ClusterStatus['link']): ClusterStatus {
  return { backend: 'embedded', at: '2026-12-08T00:00:00Z', up: true, nodes, tools: null, link };
}

const cascade = [node('postgres-primary', null), node('postgres-standby', 'postgres-primary'), node('postgres-standby2', 'postgres-standby')];

describe('formatStatus, per link', () => {
  it('prints each stream with its own faults and the whole-cluster ones added', () => {
    const text = formatStatus(status(cascade, {
      partitioned: [], latencyMs: 50, links: [{ between: ['postgres-standby', 'postgres-standby2'], cut: false, latencyMs: 200 }],
    }));
    expect(text).toContain('link: +50 ms round trip');
    expect(text).toContain('  postgres-primary -> postgres-standby: +50 ms round trip');
    expect(text).toContain('  postgres-standby -> postgres-standby2: +250 ms round trip');
  });

  it('a partitioned node cuts every link of it; a cut link that nobody streams over is listed too', () => {
    const twoStandbys = [node('postgres-primary', null), node('postgres-standby', 'postgres-primary'), node('postgres-standby2', null)];
    const text = formatStatus(status(twoStandbys, {
      partitioned: ['postgres-standby'], latencyMs: 0, links: [{ between: ['postgres-primary', 'postgres-standby2'], cut: true, latencyMs: 0 }],
    }));
    expect(text).toContain('link: cut (postgres-standby partitioned)');
    expect(text).toContain('  postgres-primary -> postgres-standby: cut');
    expect(text).toContain('  postgres-primary -> postgres-standby2: cut');
  });

  it('with per-link faults only, the whole-node summary says so', () => {
    const text = formatStatus(status(cascade, {
      partitioned: [], latencyMs: 0, links: [{ between: ['postgres-standby', 'postgres-standby2'], cut: true, latencyMs: 0 }],
    }));
    expect(text).toContain('; link: no whole-node fault; per link:\n  postgres-primary -> postgres-standby: whole\n  postgres-standby -> postgres-standby2: cut\n');
  });

  it('a pair without per-link faults prints no link list (its one link is the `link:` line)', () => {
    const text = formatStatus(status(cascade.slice(0, 2), { partitioned: [], latencyMs: 0 }));
    expect(text).toContain('; link: whole');
    expect(text).not.toContain(' -> ');
  });
});
