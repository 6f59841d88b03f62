// Operations on one cluster run one at a time (a second `reset` while the first copies files would be chaos);
// status reads do not queue.

export class SerialQueue {
  #tail: Promise<unknown> = Promise.resolve();

  run<T>(work: () => Promise<T>): Promise<T> {
    const result = this.#tail.then(work, work);
    this.#tail = result.catch(() => undefined);
    return result;
  }
}
