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

/** `load()`, tried again after a failure until it succeeds or `attempts` tries failed; then the last failure. */
export async function retryLoad<T>(load: () => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const { attempts = 6, firstDelayMs = 200, maxDelayMs = 2_000 } = options;
  let delay = firstDelayMs;
  for (let attempt = 1; ; attempt++) {
    try {
      return await load();
    } catch (err) {
      if (attempt >= attempts) throw err;
    }
    await new Promise((resolve) => setTimeout(resolve, delay));
    delay = Math.min(delay * 2, maxDelayMs);
  }
}
