// Operations on one cluster run one at a time (a second `reset` while the first copies files would be chaos);
// status reads do not queue.

export class SerialQueue {
  #tail: Promise<unknown> = Promise.resolve();
  #depth = 0;

  /** how many operations are running or waiting */
  get depth(): number {
    return this.#depth;
  }

  run<T>(work: () => Promise<T>): Promise<T> {
    this.#depth++;
    const result = this.#tail.then(work, work);
    this.#tail = result.catch(() => undefined).finally(() => this.#depth--);
    return result;
  }
}
