import type { Cluster } from '../cluster/cluster';
import type { ClusterStatus } from '../types';

type Listener = (status: ClusterStatus) => void;

/**
 * One poller for every open page: reads the cluster status every `intervalMs` while anyone listens, never two reads
 * at once (a slow read on a frozen node just delays the next one), and fans the snapshot out.
 */
export class StatusFeed {
  readonly #listeners = new Set<Listener>();
  #timer: NodeJS.Timeout | undefined;
  #reading = false;
  #last: ClusterStatus | undefined;

  constructor(private readonly cluster: Cluster, private readonly intervalMs = 250) {}

  get last(): ClusterStatus | undefined {
    return this.#last;
  }

  subscribe(listener: Listener): () => void {
    this.#listeners.add(listener);
    if (this.#last) listener(this.#last);
    if (!this.#timer) this.#timer = setInterval(() => void this.#tick(), this.intervalMs);
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

  async #tick(): Promise<void> {
    if (this.#reading) return;
    this.#reading = true;
    try {
      const status = await this.cluster.status();
      this.#last = status;
      for (const listener of this.#listeners) listener(status);
    } catch {
      // the next tick tries again; status() itself reports unreachable nodes rather than throwing
    } finally {
      this.#reading = false;
    }
  }
}
