// The one interface the sidecar, the CLI and the tests see. It is implemented once (replication-cluster.ts) on top
// of a backend driver (driver.ts): embedded processes or Docker containers.
import type { TopologyName } from '../../shared/topology';
import type { BackendKind, ClusterStatus, NodeName, OperationReport, SyncQuorum, ToolsInfo } from '../../shared/types';
import type { ControlEndpoint, ShellEnvironment } from './driver';

/** How a client (pg, psql) reaches a node from the sidecar's side. */
export interface NodeConnection {
  /** a unix socket directory or a loopback address */
  host: string;
  port: number;
  user: string;
  database: string;
  password?: string;
}

export interface RebuildOptions {
  /**
   * Leave the node stopped with a self-contained copy of the primary (its settings and WAL, no standby.signal, no
   * slot): what pg_rewind and pg_basebackup without -R leave behind, for their substitutes (server/cluster/embedded/tool-substitutes/).
   */
  leaveStopped?: boolean;
}

export interface FollowOptions {
  /** how long to wait for the node to stream before reporting `ok: false` with its log (default 10 s) */
  waitMs?: number;
}

export interface Cluster {
  readonly backend: BackendKind;
  /** The cluster's state folder (default <project>/.cluster): the sidecar writes sidecar.json here. */
  readonly stateDir: string;
  /** The topologies this backend builds (shared/topology.ts); up and reset refuse the others with BAD_REQUEST. */
  readonly topologies: readonly TopologyName[];

  /**
   * Build the cluster (or reuse what exists) and make sure every node runs and streams. With a topology other than the
   * recorded one, a reset to it (what exists is of another shape); without, the recorded one (the pair when none is).
   */
  up(topology?: TopologyName): Promise<OperationReport>;
  /** Stop every server this cluster started; nothing is left running. */
  down(): Promise<OperationReport>;
  /** Stop everything and remove what the backend made for the pair (data folders, or containers and volumes). */
  destroy(): Promise<OperationReport>;
  /** A fresh snapshot; never hangs on a frozen or dead node, never throws for a node's state. */
  status(): Promise<ClusterStatus>;
  /**
   * From any state back to a fresh streaming cluster (the saved start state) of `topology`: by default the one the
   * state folder records (the pair when none is).
   */
  reset(topology?: TopologyName): Promise<OperationReport>;

  freeze(node: NodeName): Promise<OperationReport>;
  thaw(node: NodeName): Promise<OperationReport>;
  /** immediate stop, as if the machine died */
  crash(node: NodeName): Promise<OperationReport>;
  /** fast shutdown */
  stop(node: NodeName): Promise<OperationReport>;
  start(node: NodeName): Promise<OperationReport>;
  promote(node: NodeName): Promise<OperationReport>;
  /** Rewind a former primary from the current primary and start it as that primary's standby. */
  rewind(node: NodeName): Promise<OperationReport>;
  /** Replace a node's data with a fresh base backup of the current primary and start it as a standby. */
  rebuild(node: NodeName, options?: RebuildOptions): Promise<OperationReport>;
  /** Point a standby at another primary; `waitMs`: how long to wait for it to stream (default 10 s). */
  follow(node: NodeName, upstream: NodeName, options?: FollowOptions): Promise<OperationReport>;
  /**
   * synchronous_standby_names on the current primary: on = the standby that streams from it; with `quorum`,
   * 'ANY|FIRST num (…)' of those standbys' application_names.
   */
  setSync(on: boolean, quorum?: SyncQuorum): Promise<OperationReport>;

  /**
   * Cut `node` off from every other node, both ways (a network partition); with `peer`, only the replication link
   * between the two (shared/link-faults.ts says what each link is then under).
   */
  partition(node: NodeName, peer?: NodeName): Promise<OperationReport>;
  /** Undo partition: with `peer` that link's own cut; without, the node's partition and every cut link of it. */
  heal(node: NodeName, peer?: NodeName): Promise<OperationReport>;
  /** Added round-trip time on every replication link, or on the one `link` only (beside the first); 0 removes it. */
  setLatency(ms: number, link?: [NodeName, NodeName]): Promise<OperationReport>;

  connection(node: NodeName): NodeConnection;
  /** The last lines of the node's server log (what a person reads to learn why a node refuses or gave up). */
  serverLog(node: NodeName, lines: number): Promise<string>;
  /** The environment the deck's shell snippets run in, with the sidecar to call back for `docker pause` & co. */
  shellEnvironment(control?: ControlEndpoint): ShellEnvironment;
  /** Makes what the shell environment needs before a run (once; quick after that). */
  prepareShell(): Promise<void>;
  tools(): ToolsInfo | null;
  /** Ctrl-C: an operation under way (a build) gives up at its next step; `down` then stops what exists. */
  interrupt(): void;
  /** Close client pools; does not stop servers. */
  close(): Promise<void>;
}
