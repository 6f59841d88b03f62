import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { DemoError, isDemoError } from '../../shared/errors';
import type { RunResponse } from '../../shared/types';
import type { RunRequest } from './run-request';
import { failedRun } from './failed-run';

export type RunState = 'running' | 'done' | 'error';
export type OutputStream = 'stdout' | 'stderr';

/** Runs the request; reports streamed output; resolves when finished. Never rejects for a failed command. */
export type RunExecutor = (
  request: RunRequest,
  signal: AbortSignal,
  onOutput: (stream: OutputStream, data: string) => void,
  runId: string,
) => Promise<Omit<RunResponse, 'runId'>>;

export interface RunSummary {
  runId: string;
  snippet?: string;
  state: RunState;
  startedAt: string;
  /** streamed output so far (shell), capped */
  output: string;
  result?: RunResponse;
  /** the text that runs, when it is a live edit of the snippet's */
  editedText?: string;
}

interface RunEvents {
  run: [RunSummary];
  output: [{ runId: string; snippet?: string; stream: OutputStream; data: string }];
  result: [{ runId: string; snippet?: string; result: RunResponse }];
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
 * together with its result, so the page that clicked gets one update instead of two and nothing else crosses the
 * two cores while PostgreSQL works. Far below what anyone could see.
 */
const ANNOUNCE_AFTER_MS = 30;

/**
 * Runs belong to the sidecar, not to the browser tab that asked: every view sees every run through the events, and a
 * reloaded page asks for each snippet's last run.
 */
export class RunRegistry extends EventEmitter<RunEvents> {
  readonly #runs = new Map<string, { summary: RunSummary; controller: AbortController; done: Promise<RunResponse> }>();
  readonly #lastBySnippet = new Map<string, string>();

  readonly #maxRunning: number;
  readonly #log: (message: string, err: unknown) => void;

  constructor(private readonly execute: RunExecutor, options: RunRegistryOptions = {}) {
    super();
    this.#maxRunning = options.maxRunning ?? DEFAULT_MAX_RUNNING;
    this.#log = options.log ?? ((message, err) => console.error(message, err));
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
    };
    let announced = false;
    const announce = () => {
      if (announced) return;
      announced = true;
      clearTimeout(announcing);
      this.emit('run', summary);
    };
    const announcing = setTimeout(announce, ANNOUNCE_AFTER_MS);
    const onOutput = (stream: OutputStream, data: string) => {
      // announced with the output before this chunk: the 'output' event right after brings it, and a view that took
      // it from the announcement too showed the first chunk twice
      announce();
      if (summary.output.length < OUTPUT_KEPT) summary.output += data.slice(0, OUTPUT_KEPT - summary.output.length);
      this.emit('output', { runId, snippet: request.snippetId, stream, data });
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
        // after the caller's own answer (POST /api/run awaits `done`) is on its way: that is what the clicking page
        // renders from, so the broadcast to every view goes out just behind it rather than ahead of it
        setImmediate(() => {
          announce();
          this.emit('result', { runId, snippet: request.snippetId, result });
        });
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
