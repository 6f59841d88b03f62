// What the sidecar tells a page about a drill, as zod schemas (the channel's `drill` messages, the HTTP answers of
// /api/drill*). Before Reveal nothing here names the running fault: the list of faults to pick a diagnosis from is the
// whole catalog (the decoys), the same whichever fault runs. The deck imports the types only.
import { z } from 'zod';
import { NODE_NAMES } from './types';

const nodeName = z.enum(NODE_NAMES);

export const drillChoice = z.strictObject({
  name: z.string(),
  title: z.string(),
  /** why this cluster cannot have it (it stays in the list as a decoy) */
  unavailable: z.string().optional(),
});

export const drillEvidence = z.strictObject({
  title: z.string(),
  node: nodeName,
  shows: z.string(),
  rows: z.array(z.record(z.string(), z.unknown())).optional(),
  lines: z.array(z.string()).optional(),
  showsSymptom: z.boolean().nullable(),
  error: z.string().optional(),
});

export const revealedFault = z.strictObject({
  name: z.string(),
  title: z.string(),
  cause: z.string(),
  remedy: z.string(),
  hints: z.array(z.string()).readonly(),
  /** run live at the reveal */
  evidence: z.array(drillEvidence),
});

/** `GET /api/drill`, the channel's `drill` event: the drill as every page may see it. */
export const drillState = z.strictObject({
  active: z.boolean(),
  /** how many faults run (2: the senior level) */
  faultCount: z.number().int(),
  startedAt: z.string().nullable(),
  /** set when the candidate named a diagnosis: the timer stopped */
  diagnosedAt: z.string().nullable(),
  /** ms from start to the diagnosis */
  timeToDiagnosisMs: z.number().nullable(),
  /** the candidate's diagnosis was right (null: none yet) */
  right: z.boolean().nullable(),
  /** the hints asked for so far, in order */
  hints: z.array(z.string()),
  choices: z.array(drillChoice),
  /** after Reveal only */
  revealed: z.array(revealedFault).nullable(),
  /** after Fix: whether the pair is healthy again */
  fixed: z.strictObject({ ok: z.boolean(), healthy: z.boolean(), detail: z.string().optional() }).nullable(),
  /** this drill lets the interviewer see the answer before Reveal (opted in at its start) */
  interviewerMayPeek: z.boolean(),
});

/** One line of the practice log (`<state folder>/practice.jsonl`). */
export const practiceEntry = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('drill'), at: z.string(), faults: z.array(z.string()), picked: z.array(z.string()).nullable(),
    right: z.boolean().nullable(), timeToDiagnosisMs: z.number().nullable(), hintsUsed: z.number().int(),
  }),
  z.strictObject({ kind: z.literal('demo'), at: z.string(), demo: z.number().int(), ms: z.number(), budgetMs: z.number() }),
]);

/** `POST /api/drill/console`, the channel's `drill-console`: one read-only statement's answer. */
export const consoleResult = z.strictObject({
  ok: z.boolean(),
  node: nodeName,
  durationMs: z.number(),
  fields: z.array(z.string()),
  rows: z.array(z.array(z.string().nullable())),
  truncated: z.boolean(),
  error: z.strictObject({ code: z.string(), message: z.string(), detail: z.string().optional() }).optional(),
});

export type DrillChoice = z.infer<typeof drillChoice>;
export type DrillEvidence = z.infer<typeof drillEvidence>;
export type RevealedFault = z.infer<typeof revealedFault>;
export type DrillState = z.infer<typeof drillState>;
export type PracticeEntry = z.infer<typeof practiceEntry>;
export type ConsoleResult = z.infer<typeof consoleResult>;

/** The seed's budget for each demo ("time yourself — Demo 3 in under 20 minutes"), docs/seed.md. */
export const DEMO_BUDGET_MINUTES: Readonly<Record<number, number>> = { 1: 10, 2: 15, 3: 20, 4: 10, 5: 15, 6: 20 };

/** A timed run of a demo (`POST /api/practice/demo`, the channel's `practice-demo`): the seed's demos only. */
export const demoTime = z.strictObject({
  demo: z.number().int().min(1).max(6),
  /** how long the run of the demo took */
  ms: z.number().int().min(0).max(24 * 3600 * 1000),
});

/** The drill's verbs over the channel (as POST /api/drill/<verb>). */
export const DRILL_VERBS = ['state', 'start', 'hint', 'diagnose', 'reveal', 'fix', 'reset'] as const;
export type DrillVerb = (typeof DRILL_VERBS)[number];
