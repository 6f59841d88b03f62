import type { Cluster } from '../cluster/cluster';
import { messageOf } from '../../shared/errors';
import type { ClusterStatus, StatusUnavailable } from '../../shared/types';

const MAX_ABANDONED = 2;

/** What a page hears: a fresh snapshot, or why there is none (the last good one is then stale, and says how old). */
export type StatusUpdate = { status: ClusterStatus } | { unavailable: StatusUnavailable };
type Listener = (update: StatusUpdate) => void;

export interface StatusFeedOptions {
  intervalMs?: number;
  /** a read that has not answered after this long is reported as a failure (status() itself answers in ~4 s at worst) */
  readTimeoutMs?: number;
  /** where failures (and the recovery after them) are logged: once per distinct reason, not four times a second */
  log?: (line: string) => void;
}

/**
 * One poller for every open page: reads the cluster status every `intervalMs` while anyone listens, never two reads
 * at once (a slow read on a frozen node just delays the next one), and fans the snapshot out. A read that fails or
 * hangs is not hidden behind the last snapshot: every page hears "status unavailable: <reason>" with the time of the
 * last good one, and the sidecar's log says it once.
 */
export class StatusFeed {
  readonly #listeners = new Set<Listener>();
  readonly #intervalMs: number;
  readonly #readTimeoutMs: number;
  readonly #log: (line: string) => void;
  #timer: NodeJS.Timeout | undefined;
  /** when the read under way started (undefined: none) */
  #readingSince: number | undefined;
  /** reads given up on that have not answered yet; the generation tells a late answer from the current read's */
  #abandoned = 0;
  #generation = 0;
  #last: ClusterStatus | undefined;
  #unavailable: StatusUnavailable | undefined;
  /** a refresh asked for while a read was under way: read again as soon as it answers */
  #readAgain = false;

  constructor(private readonly cluster: Cluster, options: StatusFeedOptions = {}) {
    this.#intervalMs = options.intervalMs ?? 250;
    this.#readTimeoutMs = options.readTimeoutMs ?? 8_000;
    this.#log = options.log ?? ((line) => console.error(line));
  }

  get last(): ClusterStatus | undefined {
    return this.#last;
  }

  subscribe(listener: Listener): () => void {
    this.#listeners.add(listener);
    if (this.#last) listener({ status: this.#last });
    if (this.#unavailable) listener({ unavailable: this.#unavailable });
    if (!this.#timer) this.#timer = setInterval(() => void this.#tick(), this.#intervalMs);
    void this.#tick();
    return () => {
      this.#listeners.delete(listener);
      if (this.#listeners.size === 0) this.stop();
    };
  }

  stop(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
  }

  /**
   * Reads now rather than at the next tick, for whoever listens: the cluster just changed (it came up), and a page
   * should not show the state before that for up to a tick longer. A read under way is followed by another.
   */
  refresh(): void {
    if (this.#listeners.size === 0) return;
    if (this.#readingSince !== undefined) this.#readAgain = true;
    else void this.#tick();
  }

  #send(update: StatusUpdate): void {
    for (const listener of this.#listeners) listener(update);
  }

  #failed(reason: string): void {
    if (this.#unavailable?.reason !== reason) {
      this.#log(`status unavailable: ${reason}${this.#last ? ` (last good snapshot ${this.#last.at})` : ''}`);
    }
    this.#unavailable = { reason, since: this.#unavailable?.since ?? new Date().toISOString(), lastGoodAt: this.#last?.at ?? null };
    this.#send({ unavailable: this.#unavailable });
  }

  async #tick(): Promise<void> {
    if (this.#readingSince !== undefined) {
      // the read under way has not answered: say so rather than wait for it in silence; past the deadline it is
      // abandoned (its answer, if any, ignored) and the next tick reads afresh — but never with two abandoned at once
      const waited = performance.now() - this.#readingSince;
      if (waited <= this.#readTimeoutMs) return;
      this.#failed(`the status read has not answered for ${Math.round(waited / 1000)} s`);
      if (this.#abandoned >= MAX_ABANDONED) return;
      this.#abandoned++;
      this.#readingSince = undefined;
      this.#generation++;
      return;
    }
    const generation = this.#generation;
    this.#readingSince = performance.now();
    const settle = () => {
      if (generation === this.#generation) this.#readingSince = undefined;
      else this.#abandoned--;
    };
    try {
      const status = await this.cluster.status();
      if (generation !== this.#generation) return;
      if (this.#unavailable) this.#log('status available again');
      this.#unavailable = undefined;
      this.#last = status;
      this.#send({ status });
    } catch (err) {
      // status() reports unreachable nodes itself; what reaches here is the sidecar's own trouble (a bug, a state
      // folder that cannot be read at all)
      if (generation === this.#generation) this.#failed(messageOf(err));
    } finally {
      settle();
      if (this.#readAgain && this.#readingSince === undefined) {
        this.#readAgain = false;
        if (this.#listeners.size > 0) void this.#tick();
      }
    }
  }
}
