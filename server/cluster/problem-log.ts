// Work nobody waits for (deleting old data folders, removing a killed server's shared memory) can fail too: each
// failure is logged once and kept, by what it is about, until the same work succeeds, so status can say it
// (ClusterStatus.warnings) instead of it vanishing with the background job.
export class ProblemLog {
  readonly #problems = new Map<string, string>();

  constructor(private readonly log: (line: string) => void = (line) => console.error(line)) {}

  /** `key` names the work ("trash", "shm 1234"); a new message for it replaces the old one */
  report(key: string, message: string): void {
    if (this.#problems.get(key) !== message) this.log(`pgdemo: ${message}`);
    this.#problems.set(key, message);
  }

  resolve(key: string): void {
    this.#problems.delete(key);
  }

  list(): string[] {
    return [...this.#problems.values()];
  }
}
