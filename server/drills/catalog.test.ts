// The catalog's choices without a pair: which faults are offered on which binaries (and why not), which go together,
// and what a drill may ask for.
import { describe, expect, it } from 'vitest';
import type { Cluster } from '../cluster/cluster';
import { chooseFaults, compatible, FAULTS, faultNamed, offers } from './catalog';

const clusterOn = (version: string | null) => ({ tools: () => (version ? { version } : null) }) as unknown as Cluster;

describe('the drill catalog', () => {
  it('has at least ten faults, each with its three hints, evidence that checks something, and a unique name', () => {
    expect(FAULTS.length).toBeGreaterThanOrEqual(10);
    expect(new Set(FAULTS.map((f) => f.name)).size).toBe(FAULTS.length);
    for (const fault of FAULTS) {
      expect(fault.hints).toHaveLength(3);
      expect(fault.evidence.some((e) => e.kind === 'log' || e.check), fault.name).toBe(true);
    }
  });

  it('does not offer a fault the binaries cannot show, and says why; it stays in the list as a decoy', () => {
    const old = clusterOn('13.16');
    const paused = offers(old).find((o) => o.name === 'replay-paused');
    expect(paused?.unavailable).toMatch(/needs PostgreSQL 14 or later; this pair runs 13\.16/);
    expect(() => chooseFaults(old, ['replay-paused'], 1)).toThrow(/not offered here/);
    for (let i = 0; i < 50; i++) expect(chooseFaults(old, [], 1, Math.random)[0]!.name).not.toBe('replay-paused');
    expect(offers(clusterOn('15.14')).every((o) => !o.unavailable)).toBe(true);
  });

  it('puts two faults together only when they change different things; never the failover', () => {
    const pg15 = clusterOn('15.14');
    expect(compatible(faultNamed('abandoned-slot'), faultNamed('replay-paused'))).toBe(true);
    expect(compatible(faultNamed('replay-paused'), faultNamed('apply-delay'))).toBe(false);
    expect(compatible(faultNamed('diverged-timeline'), faultNamed('abandoned-slot'))).toBe(false);
    for (let i = 0; i < 100; i++) {
      const [a, b] = chooseFaults(pg15, [], 2);
      expect(compatible(a!, b!), `${a!.name} + ${b!.name}`).toBe(true);
    }
    expect(() => chooseFaults(pg15, ['sync-latency', 'sync-standby-missing'], 2)).toThrow(/change the same thing/);
    expect(() => chooseFaults(pg15, ['nope'], 1)).toThrow(/No drill fault "nope"/);
  });
});
