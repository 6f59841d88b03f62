// The deck's code and recordings arrive in pieces, fetched as they are needed. On a Linux machine that runs Docker,
// Chromium drops every request in flight when a container starts or stops (a new network interface appears:
// net::ERR_NETWORK_CHANGED), and the docker backend starts containers at every reset: a piece fetched at that moment
// fails although the deck server is right there. Such a failure is retried here, a few times, a little later each time.
// (p-retry would not: it retries a TypeError only when it is fetch's own, and a failed dynamic import is another.)

export interface RetryOptions {
  /** tries in all, the first included */
  attempts?: number;
  /** the wait after the first failure; it doubles after each, up to maxDelayMs */
  firstDelayMs?: number;
  maxDelayMs?: number;
}

const DEFAULTS: Required<RetryOptions> = { attempts: 6, firstDelayMs: 200, maxDelayMs: 2_000 };

/** How long to wait after the `failures`-th failure (1: the first), or undefined when no try is left. */
export function retryDelayMs(failures: number, options: RetryOptions = {}): number | undefined {
  const { attempts, firstDelayMs, maxDelayMs } = { ...DEFAULTS, ...options };
  return failures >= attempts ? undefined : Math.min(firstDelayMs * 2 ** (failures - 1), maxDelayMs);
}

/** `load()`, tried again after a failure until it succeeds or `attempts` tries failed; then the last failure. */
export async function retryLoad<T>(load: () => Promise<T>, options: RetryOptions = {}): Promise<T> {
  for (let failures = 1; ; failures++) {
    try {
      return await load();
    } catch (err) {
      const delay = retryDelayMs(failures, options);
      if (delay === undefined) throw err;
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}
