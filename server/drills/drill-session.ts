// The drill as the sidecar runs it for the deck and `pgdemo drill`: at most one at a time; a timer from the start to
// the candidate's diagnosis; hints on request; the reveal (live evidence); the fix; and the practice log. Until the
// reveal, nothing any page can ask for names the fault — except the answer an interviewer's drill opted in to.
import { z } from 'zod';
import type { DrillState, RevealedFault } from '../../shared/drills';
import { DemoError } from '../../shared/errors';
import type { Cluster } from '../cluster/cluster';
import { chooseFaults, offers } from './catalog';
import { Drill, type FixReport } from './drill';
import { runAllEvidence } from './evidence';
import type { PracticeLog } from './practice-log';

export const startBodySchema = z.strictObject({
  /** named faults (the interviewer's pick); absent: random */
  faults: z.array(z.string().min(1).max(100)).min(1).max(2).optional(),
  /** how many random faults: 2 is the senior level */
  level: z.union([z.literal(1), z.literal(2)]).optional(),
  /** the interviewer may read the answer before Reveal (GET /api/drill/answer, `pgdemo drill --reveal`) */
  interviewerMayPeek: z.boolean().optional(),
});

export const diagnoseBodySchema = z.strictObject({ faults: z.array(z.string().min(1).max(100)).min(1).max(2) });

interface Current {
  drill: Drill;
  startedAt: Date;
  interviewerMayPeek: boolean;
  diagnosis: { at: Date; picked: string[]; right: boolean } | null;
  hints: string[];
  revealed: RevealedFault[] | null;
  fixed: FixReport | null;
  logged: boolean;
}

type Listener = (state: DrillState) => void;

export class DrillSession {
  #current: Current | null = null;
  readonly #listeners = new Set<Listener>();
  /** one drill verb at a time: a fix and a reset must not interleave */
  #busy: Promise<unknown> = Promise.resolve();

  constructor(private readonly cluster: Cluster, private readonly log: PracticeLog) {}

  /** While a drill runs unrevealed, status leaves out what would name its fault (status-mask.ts). */
  get hidesFaults(): boolean {
    return this.#current !== null && this.#current.revealed === null;
  }

  /** Every change of the drill, as pages may see it (the channel's `drill` event). */
  subscribe(listener: Listener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #changed(): DrillState {
    const state = this.state();
    for (const listener of this.#listeners) listener(state);
    return state;
  }

  /** One verb at a time; every page hears the state after it, whether it succeeded or not. */
  #serial<T>(work: () => Promise<T>): Promise<T> {
    const next = this.#busy.then(work, work).finally(() => this.#changed());
    this.#busy = next.catch(() => undefined);
    return next;
  }

  state(): DrillState {
    const c = this.#current;
    return {
      active: c !== null,
      faultCount: c?.drill.faults.length ?? 0,
      startedAt: c?.startedAt.toISOString() ?? null,
      diagnosedAt: c?.diagnosis?.at.toISOString() ?? null,
      timeToDiagnosisMs: c?.diagnosis ? c.diagnosis.at.getTime() - c.startedAt.getTime() : null,
      right: c?.diagnosis?.right ?? null,
      hints: c?.hints ?? [],
      choices: offers(this.cluster),
      revealed: c?.revealed ?? null,
      fixed: c?.fixed ? { ok: c.fixed.ok, healthy: c.fixed.healthy, ...(c.fixed.detail ? { detail: c.fixed.detail } : {}) } : null,
      interviewerMayPeek: c?.interviewerMayPeek ?? false,
    };
  }

  start(body: unknown): Promise<DrillState> {
    const options = startBodySchema.parse(body ?? {});
    return this.#serial(async () => {
      await this.#end();
      const faults = chooseFaults(this.cluster, options.faults ?? [], options.level ?? 1);
      const drill = await Drill.start(this.cluster, faults);
      this.#current = {
        drill, startedAt: new Date(), interviewerMayPeek: options.interviewerMayPeek ?? false,
        diagnosis: null, hints: [], revealed: null, fixed: null, logged: false,
      };
      return this.state();
    });
  }

  /** The next hint, vague to precise (with two faults, each fault's in turn). */
  hint(): DrillState {
    const c = this.#require();
    const faults = c.drill.faults;
    const i = c.hints.length;
    const fault = faults[i % faults.length]!;
    const hint = fault.hints[Math.floor(i / faults.length)];
    if (!hint) throw new DemoError('INVALID_STATE', 'There are no more hints: Reveal shows the answer.');
    c.hints.push(hint);
    return this.#changed();
  }

  /** The candidate names the fault(s): the timer stops; right or wrong is said, the answer is not (Reveal does). */
  diagnose(body: unknown): DrillState {
    const { faults } = diagnoseBodySchema.parse(body);
    const c = this.#require();
    if (c.diagnosis) throw new DemoError('INVALID_STATE', 'This drill already has a diagnosis; Reveal shows the answer.');
    const actual = new Set(c.drill.faults.map((f) => f.name));
    const right = faults.length === actual.size && faults.every((f) => actual.has(f));
    c.diagnosis = { at: new Date(), picked: faults, right };
    return this.#changed();
  }

  reveal(): Promise<DrillState> {
    return this.#serial(async () => {
      const c = this.#require();
      c.revealed = await this.#answer(c);
      // logged from the reveal on, not at the diagnosis: the log names the fault, and pages may read it
      await this.#logDrill(c);
      return this.state();
    });
  }

  /** The interviewer's look before Reveal: only for a drill started with `interviewerMayPeek`; reveals nothing to pages. */
  async answer(): Promise<RevealedFault[]> {
    const c = this.#require();
    if (!c.interviewerMayPeek && !c.revealed) {
      throw new DemoError('ANSWER_HIDDEN', 'This drill keeps its answer until Reveal.',
        { detail: 'Start it with "interviewerMayPeek": true (`pgdemo drill --reveal`) to let the interviewer see it.' });
    }
    return c.revealed ?? this.#answer(c);
  }

  fix(): Promise<DrillState> {
    return this.#serial(async () => {
      const c = this.#require();
      if (!c.revealed) c.revealed = await this.#answer(c);
      c.fixed = await c.drill.fix();
      await this.#logDrill(c);
      return this.state();
    });
  }

  /** Ends any drill (its sessions, its log line) and resets the pair. */
  reset(): Promise<DrillState> {
    return this.#serial(async () => {
      await this.#end();
      const report = await this.cluster.reset();
      if (!report.ok) throw new DemoError('OPERATION_FAILED', `Reset did not reach its goal: ${report.detail ?? ''}`);
      return this.state();
    });
  }

  /** A reset the deck's own Reset (or `pgdemo cluster reset`) does: the drill ends first, so nothing of it is left. */
  endForReset(): Promise<void> {
    return this.#serial(() => this.#end());
  }

  async close(): Promise<void> {
    await this.#serial(() => this.#end());
  }

  async #end(): Promise<void> {
    const c = this.#current;
    if (!c) return;
    this.#current = null;
    await c.drill.end();
    await this.#logDrill(c);
  }

  #require(): Current {
    if (!this.#current) throw new DemoError('INVALID_STATE', 'No drill is running: start one first.');
    return this.#current;
  }

  async #answer(c: Current): Promise<RevealedFault[]> {
    return Promise.all(c.drill.faults.map(async (f) => ({
      name: f.name, title: f.title, cause: f.cause, remedy: f.remedy, hints: f.hints,
      evidence: c.fixed ? [] : await runAllEvidence(this.cluster, f),
    })));
  }

  async #logDrill(c: Current): Promise<void> {
    if (c.logged) return;
    c.logged = true;
    await this.log.add({
      kind: 'drill', at: c.startedAt.toISOString(), faults: c.drill.faults.map((f) => f.name),
      picked: c.diagnosis?.picked ?? null, right: c.diagnosis?.right ?? null,
      timeToDiagnosisMs: c.diagnosis ? c.diagnosis.at.getTime() - c.startedAt.getTime() : null,
      hintsUsed: c.hints.length,
    });
  }
}
