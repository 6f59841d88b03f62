// Runs a demo's checks against the evidence at hand: those due after a block, or those of the demo's end.
import { ClaimFailed } from './claims';
import type { DemoCheck } from './demo-definition';
import { Evidence } from './evidence';

export interface CheckOutcome {
  claim: string;
  /** the block it is checked after; undefined = the demo's end */
  after?: string;
  passed: boolean;
  /** why it failed */
  message?: string;
  durationMs: number;
}

const RETRY_MS = 250;

/** One check: tried again while it fails with a claim (not with an error) and its settle time lasts. */
export async function runCheck(check: DemoCheck, evidence: Evidence): Promise<CheckOutcome> {
  const started = performance.now();
  const deadline = started + (check.settleMs ?? 0);
  const outcome = (passed: boolean, message?: string): CheckOutcome => ({
    claim: check.claim, after: check.after, passed, message, durationMs: Math.round(performance.now() - started),
  });
  for (;;) {
    try {
      await check.check(evidence);
      return outcome(true);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      if (!(err instanceof ClaimFailed) || performance.now() >= deadline) return outcome(false, message);
    }
    await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
  }
}

/** The checks due right after `block` ran (undefined: at the demo's end), in their order. */
export function checksDue(checks: readonly DemoCheck[], block: string | undefined): DemoCheck[] {
  return checks.filter((check) => check.after === block);
}

export async function runChecks(checks: readonly DemoCheck[], evidence: Evidence): Promise<CheckOutcome[]> {
  const outcomes: CheckOutcome[] = [];
  for (const check of checks) outcomes.push(await runCheck(check, evidence));
  return outcomes;
}
