import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { DemoError, isDemoError } from '../../shared/errors';
import type { OutputStream, RunResponse, RunSummary } from '../../shared/types';
import type { EventOf } from '../../shared/wire';
import type { RunRequest } from './run-request';
import { failedRun } from './failed-run';

/** Runs the request; reports streamed output; resolves when finished. Never rejects for a failed command. */
export type RunExecutor = (
  request: RunRequest,
  signal: AbortSignal,
  onOutput: (stream: OutputStream, data: string) => void,
  runId: string,
) => Promise<Omit<RunResponse, 'runId'>>;

/** What every view hears about runs, each numbered by `seq` (the wire's events, without their `type`). */
export interface RunEvents {
  run: [RunSummary];
  output: [Omit<EventOf<'output'>, 'type'>];
  result: [Omit<EventOf<'result'>, 'type'>];
}

const OUTPUT_KEPT = 256 * 1024;
const FINISHED_KEPT = 200;
/**
 * Runs at once, past which a new one is refused with BUSY at once (never queued): the demos run at most three side by
 * side (Demo 2's monitor beside its load, Demo 4's scenes), and each run holds a bash or a server session.
 */
export const DEFAULT_MAX_RUNNING = 16;

export interface RunRegistryOptions {
  maxRunning?: number;
  /** where a run that failed for the sidecar's own reasons (not the command's) is logged */
  log?: (message: string, err: unknown) => void;
}
/**
 * A run is announced to every view once it has lasted this long (or printed something): a quick one is announced
 * together with its result (and the page's channel sends it as its result alone), so each page gets one update
 * instead of two and nothing else crosses the two cores while PostgreSQL works. Far below what anyone could see.
 */
const ANNOUNCE_AFTER_MS = 30;

/**
 * Runs belong to the sidecar, not to the browser tab that asked: every view sees every run through the events, and a
 * (re)connecting page gets each snippet's last run. Every change a view hears of (a start, an output, a result) takes
 * the next `seq`, so a view can tell which of two things it heard is newer; `epoch` names this registry, whose numbers
 * mean nothing to another (a restarted sidecar starts again at 0).
 */
export class RunRegistry extends EventEmitter<RunEvents> {
  readonly epoch = randomUUID();
  readonly #runs = new Map<string, { summary: RunSummary; controller: AbortController; done: Promise<RunResponse> }>();
  readonly #lastBySnippet = new Map<string, string>();
  #seq = 0;

  readonly #maxRunning: number;
  readonly #log: (message: string, err: unknown) => void;

  constructor(private readonly execute: RunExecutor, options: RunRegistryOptions = {}) {
    super();
    this.#maxRunning = options.maxRunning ?? DEFAULT_MAX_RUNNING;
    this.#log = options.log ?? ((message, err) => console.error(message, err));
  }

  /** the number of the latest change */
  get seq(): number {
    return this.#seq;
  }

  get running(): number {
    let n = 0;
    for (const run of this.#runs.values()) if (run.summary.state === 'running') n++;
    return n;
  }

  start(request: RunRequest): { runId: string; done: Promise<RunResponse> } {
    if (this.running >= this.#maxRunning) {
      throw new DemoError('BUSY', `${this.#maxRunning} runs are already running; this one was not started.`, {
        detail: 'Wait for one to finish or cancel one, then run again.',
      });
    }
    const runId = randomUUID();
    const startedMs = performance.now();
    const controller = new AbortController();
    const edited = request.edited ? { editedText: request.text } : {};
    const summary: RunSummary = {
      runId, snippet: request.snippetId, state: 'running', startedAt: new Date().toISOString(), output: '', ...edited,
      seq: ++this.#seq,
    };
    let announced = false;
    const announce = () => {
      if (announced) return;
      announced = true;
      clearTimeout(announcing);
      summary.seq = ++this.#seq;
      this.emit('run', summary);
    };
    const announcing = setTimeout(announce, ANNOUNCE_AFTER_MS);
    const onOutput = (stream: OutputStream, data: string) => {
      // announced with the output before this chunk: the 'output' event right after brings it, and a view that took
      // it from the announcement too showed the first chunk twice
      announce();
      if (summary.output.length < OUTPUT_KEPT) summary.output += data.slice(0, OUTPUT_KEPT - summary.output.length);
      summary.seq = ++this.#seq;
      this.emit('output', { seq: summary.seq, runId, snippet: request.snippetId, stream, data });
    };
    // an executor that throws (a bug, a cluster whose records vanished) ends the run as an error that says so: the
    // run must not stay "running" forever, and a rejection nobody handles would end the sidecar
    const done = Promise.resolve()
      .then(() => this.execute(request, controller.signal, onOutput, runId))
      .catch((err: unknown) => {
        // ours (a DemoError) in one line; anything else is a bug, with its stack
        this.#log(`run ${runId} (${request.snippetId ?? request.kind}) failed in the sidecar:`, isDemoError(err) ? err.message : err);
        return failedRun(request, err, performance.now() - startedMs, summary.output);
      })
      .then((partial) => ({ ...partial, runId, ...edited }) as RunResponse)
      .then((result) => {
        summary.state = result.ok ? 'done' : 'error';
        summary.result = result;
        // before the caller's own answer (`done`): the clicking page renders from this event, as every view does, and
        // the reply to its request follows it on the same channel
        announce();
        summary.seq = ++this.#seq;
        this.emit('result', { seq: summary.seq, runId, snippet: request.snippetId, result });
        this.#forgetOldRuns();
        return result;
      });
    this.#runs.set(runId, { summary, controller, done });
    if (request.snippetId) this.#lastBySnippet.set(request.snippetId, runId);
    return { runId, done };
  }

  cancel(runId: string): { wasRunning: boolean } {
    const run = this.#runs.get(runId);
    if (!run) throw new DemoError('UNKNOWN_RUN', `No run "${runId}".`);
    const wasRunning = run.summary.state === 'running';
    if (wasRunning) run.controller.abort();
    return { wasRunning };
  }

  /** Each snippet's most recent run (running or finished). */
  lastBySnippet(): Record<string, RunSummary> {
    const last: Record<string, RunSummary> = {};
    for (const [snippet, runId] of this.#lastBySnippet) {
      const run = this.#runs.get(runId);
      if (run) last[snippet] = run.summary;
    }
    return last;
  }

  /** Cancels every running run and waits for them to finish (sidecar shutdown). */
  async cancelAll(): Promise<void> {
    const running = [...this.#runs.values()].filter((r) => r.summary.state === 'running');
    for (const run of running) run.controller.abort();
    await Promise.allSettled(running.map((r) => r.done));
  }

  #forgetOldRuns(): void {
    const keep = new Set(this.#lastBySnippet.values());
    const finished = [...this.#runs.entries()].filter(([id, r]) => r.summary.state !== 'running' && !keep.has(id));
    for (const [id] of finished.slice(0, Math.max(0, finished.length - FINISHED_KEPT))) this.#runs.delete(id);
  }
}
