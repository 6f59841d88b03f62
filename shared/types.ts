// Types shared by the sidecar (Node) and the deck (browser). Keep this file free of Node imports, and of runtime
// imports of zod (the deck imports its constants).
import type { z } from 'zod';
import type * as payloads from './payloads';

/**
 * Every node name the project knows (what requests, snippets and the CLI may name), in the order it shows them. Which
 * of them a cluster has is its topology's business (shared/topology.ts): the seed's pair has the first two.
 */
export const NODE_NAMES = ['postgres-primary', 'postgres-standby', 'postgres-standby2'] as const;
/** where the page's channel to the sidecar is (its messages: wire.ts) */
export const CHANNEL_PATH = '/api/channel';
export type NodeName = (typeof NODE_NAMES)[number];

// What crosses the wire is defined once, as zod schemas (payloads.ts); these are their types.
export type BackendKind = z.infer<typeof payloads.backendKind>;
export type NodeRole = z.infer<typeof payloads.nodeRole>;
export type ProcessState = z.infer<typeof payloads.processState>;
export type SlotStatus = z.infer<typeof payloads.slotStatus>;
export type NodeStatus = z.infer<typeof payloads.nodeStatus>;
export type ToolsInfo = z.infer<typeof payloads.toolsInfo>;
export type LinkStatus = z.infer<typeof payloads.linkStatus>;
export type LinkFault = z.infer<typeof payloads.linkFault>;
export type ClusterStatus = z.infer<typeof payloads.clusterStatus>;
export type StatusUnavailable = z.infer<typeof payloads.statusUnavailable>;
export type OperationReport = z.infer<typeof payloads.operationReport>;
export type OperationResponse = z.infer<typeof payloads.operationResponse>;
export type SqlField = z.infer<typeof payloads.sqlField>;
export type SqlResult = z.infer<typeof payloads.sqlResult>;
export type SqlError = z.infer<typeof payloads.sqlError>;
export type SqlRunResponse = z.infer<typeof payloads.sqlRunResponse>;
export type ShellRunResponse = z.infer<typeof payloads.shellRunResponse>;
export type RunResponse = z.infer<typeof payloads.runResponse>;
export type RunState = z.infer<typeof payloads.runState>;
export type OutputStream = z.infer<typeof payloads.outputStream>;
export type RunSummary = z.infer<typeof payloads.runSummary>;
export type SidecarSettings = z.infer<typeof payloads.sidecarSettings>;
export type ApiErrorBody = z.infer<typeof payloads.apiErrorBody>;

export const CLUSTER_ACTIONS = [
  'up', 'down', 'reset', 'destroy',
  'freeze', 'thaw', 'crash', 'stop', 'start', 'promote', 'rewind', 'rebuild', 'follow', 'sync',
  'partition', 'heal', 'latency',
] as const;
export type ClusterAction = (typeof CLUSTER_ACTIONS)[number];

/** `sync` beyond one standby: synchronous_standby_names = 'ANY num (…)' (a quorum) or 'FIRST num (…)' (by priority). */
export const SYNC_METHODS = ['any', 'first'] as const;
export interface SyncQuorum {
  method: (typeof SYNC_METHODS)[number];
  /** how many of `nodes` confirm each commit */
  num: number;
  /** standbys, by node name (the primary's setting names their application_names) */
  nodes: NodeName[];
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
