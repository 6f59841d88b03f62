import { describe, expect, it } from 'vitest';
import { faultsOn } from './link-faults';

describe('faultsOn', () => {
  const whole = { partitioned: [], latencyMs: 0 };
  it('a whole link has no fault', () => {
    expect(faultsOn(whole, 'postgres-primary', 'postgres-standby')).toEqual({ cut: false, latencyMs: 0 });
  });
  it('a partitioned node cuts every link it has, and only those', () => {
    const s = { partitioned: ['postgres-standby' as const], latencyMs: 0 };
    expect(faultsOn(s, 'postgres-primary', 'postgres-standby').cut).toBe(true);
    expect(faultsOn(s, 'postgres-standby', 'postgres-standby2').cut).toBe(true);
    expect(faultsOn(s, 'postgres-primary', 'postgres-standby2').cut).toBe(false);
  });
  it('a per-link fault acts on its two ends in either order, its latency on top of the whole cluster\'s', () => {
    const s = { partitioned: [], latencyMs: 50, links: [{ between: ['postgres-standby', 'postgres-standby2'] as ['postgres-standby', 'postgres-standby2'], cut: false, latencyMs: 200 }] };
    expect(faultsOn(s, 'postgres-standby2', 'postgres-standby')).toEqual({ cut: false, latencyMs: 250 });
    expect(faultsOn(s, 'postgres-primary', 'postgres-standby')).toEqual({ cut: false, latencyMs: 50 });
  });
});
