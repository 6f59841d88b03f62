// Readiness polling and deadlines, shared by every backend: tight polls instead of fixed sleeps, and a clear
// TIMEOUT error that says what we were waiting for.
import { setTimeout as sleep } from 'node:timers/promises';
import { DemoError } from '../../shared/errors';

export interface PollOptions {
  timeoutMs: number;
  /** delay between attempts; 10-20 ms keeps start/stop latency low without busy-looping */
  intervalMs?: number;
  /** what we wait for, for the error message: "postgres-standby to stream" */
  what: string;
}

/**
 * A bug in the check itself (a TypeError of our code, say): no retry cures it, so it is thrown at once as what it is,
 * not waited out and reported as a TIMEOUT. (`fetch` reports a refused connection as a TypeError: that one is "not yet".)
 */
export function isProgrammingError(err: unknown): boolean {
  return err instanceof ReferenceError || err instanceof RangeError
    || (err instanceof TypeError && err.message !== 'fetch failed');
}

/**
 * Calls `check` until it returns a value other than undefined/false, or the deadline passes. Errors thrown by
 * `check` count as "not yet" (a server that is starting refuses connections); the last one becomes the cause.
 * Our own errors other than TIMEOUT/NODE_DOWN, and programming errors, end the wait at once.
 */
export async function pollUntil<T>(check: () => Promise<T | undefined | false>, options: PollOptions): Promise<T> {
  const deadline = Date.now() + options.timeoutMs;
  const interval = options.intervalMs ?? 15;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined && value !== false) return value;
    } catch (err) {
      if (err instanceof DemoError && err.code !== 'TIMEOUT' && err.code !== 'NODE_DOWN') throw err;
      if (isProgrammingError(err)) throw err;
      lastError = err;
    }
    if (Date.now() >= deadline) {
      const why = lastError instanceof Error ? lastError.message : undefined;
      throw new DemoError('TIMEOUT', `Gave up waiting for ${options.what} after ${options.timeoutMs / 1000} s.`,
        { detail: why, cause: lastError });
    }
    await sleep(interval);
  }
}
