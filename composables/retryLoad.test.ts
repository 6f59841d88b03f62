import { describe, expect, it } from 'vitest';
import { retryDelayMs, retryLoad } from './retryLoad';

/** A load that fails `failures` times (as a fetch dropped by a network change), then answers. */
function flaky(failures: number) {
  let calls = 0;
  const load = async () => {
    calls++;
    if (calls <= failures) throw new TypeError(`Failed to fetch dynamically imported module (try ${calls})`);
    return 'slide';
  };
  return { load, calls: () => calls };
}

describe('retryLoad', () => {
  it('answers at once when the first try succeeds', async () => {
    const f = flaky(0);
    expect(await retryLoad(f.load)).toBe('slide');
    expect(f.calls()).toBe(1);
  });

  it('tries again after a failure, and answers what the first successful try loaded', async () => {
    const f = flaky(2);
    expect(await retryLoad(f.load, { firstDelayMs: 1 })).toBe('slide');
    expect(f.calls()).toBe(3);
  });

  it('gives up after its attempts with the last failure, having waited longer each time', async () => {
    const f = flaky(10);
    const started = Date.now();
    await expect(retryLoad(f.load, { attempts: 4, firstDelayMs: 20, maxDelayMs: 40 })).rejects.toThrow('(try 4)');
    expect(f.calls()).toBe(4);
    // 20 + 40 + 40 (the doubling capped)
    expect(Date.now() - started).toBeGreaterThanOrEqual(95);
  });
});

describe('retryDelayMs', () => {
  it('doubles from 200 ms up to 2 s, and has no wait after the sixth failure', () => {
    expect([1, 2, 3, 4, 5, 6].map((n) => retryDelayMs(n))).toEqual([200, 400, 800, 1600, 2000, undefined]);
  });
});
