// The practice log: each drill (its faults, time to diagnosis, hints used, right or wrong) and each timed demo run
// against the seed's budget, one JSON line each in <state folder>/practice.jsonl — kept across resets and restarts.
import { appendFile, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DEMO_BUDGET_MINUTES, demoTime, type PracticeEntry } from '../../shared/drills';
import { DemoError } from '../../shared/errors';

export const PRACTICE_FILE = 'practice.jsonl';

export class PracticeLog {
  readonly #path: string;

  constructor(stateDir: string) {
    this.#path = join(stateDir, PRACTICE_FILE);
  }

  async add(entry: PracticeEntry): Promise<void> {
    await appendFile(this.#path, `${JSON.stringify(entry)}\n`, { mode: 0o600 });
  }

  /** A timed run of a demo, with the seed's budget for it. */
  addDemo(body: unknown): Promise<PracticeEntry> {
    const { demo, ms } = demoTime.parse(body);
    const entry: PracticeEntry = { kind: 'demo', at: new Date().toISOString(), demo, ms, budgetMs: DEMO_BUDGET_MINUTES[demo]! * 60_000 };
    return this.add(entry).then(() => entry);
  }

  /** Every entry, oldest first; a line that does not parse (a torn write) is skipped, not fatal. */
  async entries(): Promise<PracticeEntry[]> {
    let text: string;
    try {
      text = await readFile(this.#path, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw new DemoError('INTERNAL', `The practice log ${this.#path} cannot be read.`, { cause: err });
    }
    return text.split('\n').flatMap((line) => {
      try {
        return line ? [JSON.parse(line) as PracticeEntry] : [];
      } catch {
        return [];
      }
    });
  }
}
