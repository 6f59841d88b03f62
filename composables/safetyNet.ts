// The live talk's safety net, as a pure decision: when a block's live run should offer its recording in its place.
// A run that failed unlike its rehearsal (a demo's intended error fails the same way and offers nothing), and a run
// still going past its time budget: twice its rehearsed time, and at least OVERRUN.slackMs more (a quick block's
// budget is not a few milliseconds, a shared machine's noise). Only a run the sidecar knows (a runId) can be replaced
// in every view; a block without a recording has nothing to offer.
import { failureOf } from '../shared/run-text';
import type { Recording } from '../shared/types';
import type { RunView } from './runReducer';

export const OVERRUN = { factor: 2, slackMs: 5_000 } as const;

export type Offer =
  | { why: 'failed'; live: string; rehearsed: string }
  | { why: 'overran'; budgetMs: number; rehearsedMs: number };

/** How long a block may run live before its recording is offered. */
export function budgetMs(recording: Recording): number {
  const rehearsed = recording.result.durationMs;
  return Math.max(OVERRUN.factor * rehearsed, rehearsed + OVERRUN.slackMs);
}

/** Whether a run may soon need the recording: what to load it for (recordings load on demand in a live deck). */
export function mayOffer(run: RunView | undefined, elapsedMs: number | undefined): boolean {
  if (!run?.runId || run.showsRecording || run.recorded) return false;
  return run.state === 'error' || (run.state === 'running' && (elapsedMs ?? 0) >= OVERRUN.slackMs);
}

/** `elapsedMs`: how long the run has been going (useRun's, ticking while it runs). */
export function offerOf(run: RunView | undefined, recording: Recording | undefined, elapsedMs: number | undefined): Offer | undefined {
  if (!recording || !run || !mayOffer(run, elapsedMs)) return undefined;
  if (run.state === 'running') {
    const budget = budgetMs(recording);
    return (elapsedMs ?? 0) > budget ? { why: 'overran', budgetMs: budget, rehearsedMs: recording.result.durationMs } : undefined;
  }
  if (!run.result) return undefined; // this page's own request failed: no run on the sidecar to stand in for
  const live = failureOf(run.result);
  const rehearsed = failureOf(recording.result);
  return live !== rehearsed ? { why: 'failed', live, rehearsed: rehearsed || 'ok' } : undefined;
}
