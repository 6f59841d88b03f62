// The page's one channel to the sidecar: a WebSocket at CHANNEL_PATH carrying the page's requests, their replies, the
// events (cluster status, every run's start, output and result) and, first on every connection, a snapshot of every
// block's last run. Every message is defined here once; the sidecar parses what it is sent with these schemas, its
// tests check what it sends against them, and the page takes its types from them (`import type`: no zod in the deck).
//
// Ordering, the rule that makes "a late snapshot undoes nothing" structural: one ordered channel, on which the snapshot
// is sent at the moment the connection subscribes to the events, so every event after it is newer. Run events and the
// snapshot carry the sidecar's sequence numbers (`seq`, one counter per sidecar, `epoch` naming the sidecar), and the
// page's reducer (composables/runReducer.ts) applies what it hears about a block only when it is newer than what it
// shows — so even a snapshot delivered out of order could not undo an event.
//
// Adding a message: a request is one entry of PAGE_REQUESTS (its body and its reply's value; the sidecar's handler map
// is typed from it, so the compiler asks for the handler), an event one entry of SIDECAR_EVENTS.
import { z } from 'zod';
import {
  apiErrorBody, clusterStatus, operationResponse, outputStream, runResponse, runSummary, sidecarSettings, statusUnavailable,
} from './payloads';
import { consoleResult, demoTime, DRILL_VERBS, drillState, practiceEntry, revealedFault } from './drills';
import { TOPOLOGY_NAMES } from './topology';
import { CLUSTER_ACTIONS, NODE_NAMES, SYNC_METHODS } from './types';

export { CHANNEL_PATH } from './types';
/** a page message above this is refused (PAYLOAD_TOO_LARGE), as a POST body is */
export const MAX_MESSAGE_BYTES = 256 * 1024;

const MAX_TEXT = 100_000;
const text = z.string().min(1).max(MAX_TEXT);

/** What a run is asked with (POST /api/run's body, the channel's `run` request): a deck snippet, or text (live edits). */
export const runBody = z.union([
  z.strictObject({ snippet: z.string().min(1).max(200), text: text.optional() }),
  z.strictObject({ sql: text, node: z.enum(NODE_NAMES) }),
  z.strictObject({ shell: text }),
]);
export type RunBody = z.infer<typeof runBody>;

/** A cluster action's parameters (POST /api/cluster/:action's body, the channel's `cluster` request). */
export const actionParams = z.strictObject({
  node: z.enum(NODE_NAMES).optional(),
  /** partition, heal, latency: the other end of the one replication link to act on (without it: the whole node) */
  peer: z.enum(NODE_NAMES).optional(),
  upstream: z.enum(NODE_NAMES).optional(),
  on: z.boolean().optional(),
  /** sync: a quorum (`ANY num (nodes)`) or a priority list (`FIRST num (nodes)`) instead of the one standby of `on` */
  method: z.enum(SYNC_METHODS).optional(),
  num: z.number().int().min(1).max(NODE_NAMES.length).optional(),
  nodes: z.array(z.enum(NODE_NAMES)).min(1).max(NODE_NAMES.length).optional(),
  /** latency: added round-trip time in ms (0 clears it) */
  ms: z.number().int().min(0).max(10_000).optional(),
  /** rebuild only: leave the node stopped with a self-contained copy (the pg_rewind/pg_basebackup substitutes) */
  leaveStopped: z.boolean().optional(),
  /** up and reset only: the cluster's shape (shared/topology.ts); default: the one the state folder records */
  topology: z.enum(TOPOLOGY_NAMES).optional(),
});
export type ActionParams = z.infer<typeof actionParams>;

const requestId = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const seq = z.number().int().min(0);

function request<T extends string, B extends z.ZodRawShape, R extends z.ZodType>(type: T, body: B, reply: R) {
  return { message: z.strictObject({ id: requestId, type: z.literal(type), ...body }), reply };
}

function event<T extends string, S extends z.ZodRawShape>(type: T, shape: S) {
  return z.strictObject({ type: z.literal(type), ...shape });
}

/** What the page may ask: each request's message, and the value its reply carries. */
export const PAGE_REQUESTS = {
  /** runs a block; replied to when the run has finished (its result came just before, as the `result` event) */
  run: request('run', { run: runBody }, z.strictObject({ runId: z.string() })),
  cancel: request('cancel', { runId: z.string().min(1).max(200) }, z.strictObject({ ok: z.literal(true), wasRunning: z.boolean() })),
  /** the safety net: every view shows the block's recording in place of this run (`on`), or the run again; it runs on */
  'show-recording': request('show-recording', { runId: z.string().min(1).max(200), on: z.boolean() }, z.strictObject({ ok: z.literal(true) })),
  /** a cluster operation (the deck's Reset): its report and the status after it */
  cluster: request('cluster', { action: z.enum(CLUSTER_ACTIONS), params: actionParams }, operationResponse),
  /** a drill's verb (docs/drills.md), its body as POST /api/drill/<verb> takes it; every page hears the new state as `drill` */
  drill: request('drill', { verb: z.enum(DRILL_VERBS), body: z.unknown().optional() }, drillState),
  /** the interviewer's look before Reveal: only for a drill that opted in, and only to the page that asks */
  'drill-answer': request('drill-answer', {}, z.array(revealedFault)),
  /** one read-only statement of the candidate's (`--allow-edits` only) */
  'drill-console': request('drill-console', { node: z.enum(NODE_NAMES), sql: z.string().min(1).max(10_000) }, consoleResult),
  practice: request('practice', {}, z.array(practiceEntry)),
  /** a timed run of a demo (the presenter view's timer), logged against the seed's budget */
  'practice-demo': request('practice-demo', demoTime.shape, practiceEntry),
};
export type RequestType = keyof typeof PAGE_REQUESTS;
type RequestSchema = (typeof PAGE_REQUESTS)[RequestType]['message'];

/** A page's message, as the sidecar parses it. */
export const pageMessage = z.discriminatedUnion('type',
  Object.values(PAGE_REQUESTS).map((r) => r.message) as unknown as readonly [RequestSchema, ...RequestSchema[]]);
export type PageMessage = z.infer<typeof pageMessage>;
export type RequestOf<T extends RequestType> = z.infer<(typeof PAGE_REQUESTS)[T]['message']>;
/** a request's own fields, as the page writes them: the channel adds its type and number */
export type RequestBody<T extends RequestType> = Omit<RequestOf<T>, 'id' | 'type'>;
export type ReplyValue<T extends RequestType> = z.infer<(typeof PAGE_REQUESTS)[T]['reply']>;

/** What the sidecar sends on its own: the snapshot first on every connection, then the events as they happen. */
export const SIDECAR_EVENTS = {
  /** who this sidecar is (`epoch`), what it allows, and every block's last run, as of `seq` */
  snapshot: event('snapshot', { epoch: z.string(), seq, settings: sidecarSettings, runs: z.record(z.string(), runSummary) }),
  /** a fresh cluster snapshot (4 Hz while any page listens) */
  status: event('status', { status: clusterStatus }),
  /** the status feed cannot read the cluster: the last snapshot is stale */
  'status-unavailable': event('status-unavailable', { unavailable: statusUnavailable }),
  /** a run that has lasted 30 ms or printed something (a quicker one comes as its result alone) */
  run: event('run', runSummary.shape),
  output: event('output', { seq, runId: z.string(), snippet: z.string().optional(), stream: outputStream, data: z.string() }),
  result: event('result', { seq, runId: z.string(), snippet: z.string().optional(), result: runResponse }),
  /** a run's block shows its recording in its place, or the run again (`show-recording`) */
  'recording-shown': event('recording-shown', { seq, runId: z.string(), snippet: z.string().optional(), showsRecording: z.boolean() }),
  /** the drill changed (started, a hint, a diagnosis, Reveal, Fix, its end): no fault named before Reveal */
  drill: event('drill', { state: drillState }),
};
export type EventType = keyof typeof SIDECAR_EVENTS;
export type EventOf<T extends EventType> = z.infer<(typeof SIDECAR_EVENTS)[T]>;
export type SidecarEvent = EventOf<EventType>;

/** `sidecarMs`: message in to reply out, the sidecar's whole share of a request (beside a run's own durationMs) */
const replies = Object.entries(PAGE_REQUESTS).map(([type, { reply }]) =>
  z.strictObject({ type: z.literal('reply'), id: requestId, to: z.literal(type as RequestType), value: reply, sidecarMs: z.number() }));
/** a request refused or failed; `id` 0 when the message was not a request at all */
const replyError = z.strictObject({ type: z.literal('reply'), id: requestId, error: apiErrorBody, sidecarMs: z.number() });
export type ReplyError = z.infer<typeof replyError>;
/** (written out rather than inferred from `replies`, which would not tie each `to` to its own value) */
export type Reply = { [T in RequestType]: { type: 'reply'; id: number; to: T; value: ReplyValue<T>; sidecarMs: number } }[RequestType] | ReplyError;
export type SidecarMessage = SidecarEvent | Reply;

/** Any message the sidecar sends (its tests parse each one with this). */
export const sidecarMessage = z.union([...Object.values(SIDECAR_EVENTS), ...replies, replyError]);
