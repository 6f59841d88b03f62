// What the sidecar tells a page about a drill. Before Reveal nothing here names the running fault: the list of
// faults to pick a diagnosis from is the whole catalog (the decoys), the same whichever fault runs.
import type { NodeName } from './types';

export interface DrillChoice {
  name: string;
  title: string;
  /** why this cluster cannot have it (it stays in the list as a decoy) */
  unavailable?: string;
}

export interface DrillEvidence {
  title: string;
  node: NodeName;
  shows: string;
  rows?: Record<string, unknown>[];
  lines?: string[];
  showsSymptom: boolean | null;
  error?: string;
}

export interface RevealedFault {
  name: string;
  title: string;
  cause: string;
  remedy: string;
  hints: readonly string[];
  /** run live at the reveal */
  evidence: DrillEvidence[];
}

/** `GET /api/drill`: the drill as every page may see it. */
export interface DrillState {
  active: boolean;
  /** how many faults run (2: the senior level) */
  faultCount: number;
  startedAt: string | null;
  /** set when the candidate named a diagnosis: the timer stopped */
  diagnosedAt: string | null;
  /** ms from start to the diagnosis */
  timeToDiagnosisMs: number | null;
  /** the candidate's diagnosis was right (null: none yet) */
  right: boolean | null;
  /** the hints asked for so far, in order */
  hints: string[];
  choices: DrillChoice[];
  /** after Reveal only */
  revealed: RevealedFault[] | null;
  /** after Fix: whether the pair is healthy again */
  fixed: { ok: boolean; healthy: boolean; detail?: string } | null;
  /** this drill lets the interviewer see the answer before Reveal (opted in at its start) */
  interviewerMayPeek: boolean;
}

/** One line of the practice log (`<state folder>/practice.jsonl`). */
export type PracticeEntry =
  | {
    kind: 'drill'; at: string; faults: string[]; picked: string[] | null; right: boolean | null;
    timeToDiagnosisMs: number | null; hintsUsed: number;
  }
  | { kind: 'demo'; at: string; demo: number; ms: number; budgetMs: number };

/** The seed's budget for each demo ("time yourself — Demo 3 in under 20 minutes"), docs/seed.md. */
export const DEMO_BUDGET_MINUTES: Readonly<Record<number, number>> = { 1: 10, 2: 15, 3: 20, 4: 10, 5: 15, 6: 20 };

/** `POST /api/drill/console`: one read-only statement's answer. */
export interface ConsoleResult {
  ok: boolean;
  node: NodeName;
  durationMs: number;
  fields: string[];
  rows: (string | null)[][];
  truncated: boolean;
  error?: { code: string; message: string; detail?: string };
}
