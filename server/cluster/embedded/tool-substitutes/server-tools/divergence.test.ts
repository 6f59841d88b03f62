import { describe, expect, it } from 'vitest';
import { divergencePoint, formatLsn, parseHistory } from './divergence';

describe('where two histories part, as pg_rewind finds it', () => {
  it('a promoted standby (timeline 2) against the old primary still on 1: the switchpoint, on timeline 1', () => {
    const source = parseHistory(2, '1\t0/30000A0\tno recovery target specified\n');
    const point = divergencePoint(source, parseHistory(1, ''));
    expect(point && `${formatLsn(point.lsn)} on timeline ${point.timeline}`).toBe('0/30000A0 on timeline 1');
  });

  it('the earlier of the two ends of the last shared timeline, when both went on to timelines of their own', () => {
    const source = parseHistory(3, '1\t0/3000000\tx\n2\t0/5000000\tx\n');
    const target = parseHistory(4, '1\t0/3000000\tx\n2\t0/4800000\tx\n');
    expect(divergencePoint(source, target)).toEqual({ timeline: 2, lsn: 0x4800000n });
  });

  it('none on the same timeline (pg_rewind: "no rewind required"), or with no timeline in common', () => {
    expect(divergencePoint(parseHistory(2, '1\t0/3000000\tx'), parseHistory(2, '1\t0/3000000\tx'))).toBeUndefined();
    expect(divergencePoint(parseHistory(1, ''), parseHistory(1, ''))).toBeUndefined();
    expect(divergencePoint(parseHistory(5, ''), parseHistory(1, ''))).toBeUndefined();
  });

  it('reads LSNs past 4 GB and ignores comments and blank lines', () => {
    const spans = parseHistory(2, '# comment\n\n1\tA/FF000028\tbefore 2000-01-01\n');
    expect(spans).toEqual([{ timeline: 1, end: 0xaff000028n }, { timeline: 2 }]);
    expect(formatLsn(0xaff000028n)).toBe('A/FF000028');
  });
});
