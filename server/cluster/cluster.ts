// The one interface every cluster backend implements. The sidecar, the CLI and the tests only see this.
import type { BackendKind, ClusterStatus, NodeName, OperationReport, ToolsInfo } from '../types';

/** How a client (pg, psql) reaches a node from the sidecar's side. */
export interface NodeConnection {
  /** a unix socket directory or a loopback address */
  host: string;
  port: number;
  user: string;
  database: string;
  password?: string;
}

/**
 * What the shell translation needs to run the seed's `docker …` commands against this backend:
 * per node, where its data lives and how to reach it.
 */
export interface ShellNode {
  name: NodeName;
  dataDir: string;
  port: number;
  /** unix socket directory (embedded) */
  socketDir: string;
  logFile: string;
}

export interface ShellContext {
  binDir: string;
  nodes: ShellNode[];
  /** environment every shell run gets (PATH with the PostgreSQL binaries, PGPASSFILE, …) */
  env: Record<string, string>;
  /** OS user the shell runs as when the sidecar is root (PostgreSQL refuses root) */
  runAs?: { uid: number; gid: number };
  /** a writable scratch folder for the demos (state between snippet runs) */
  scratchDir: string;
}

export interface RebuildOptions {
  /**
   * Leave the node stopped with a self-contained copy of the primary (its settings and WAL, no standby.signal, no
   * slot): what pg_rewind and pg_basebackup without -R leave behind, for their substitutes (server/tools/).
   */
  leaveStopped?: boolean;
}

export interface Cluster {
  readonly backend: BackendKind;
  /** The cluster's state folder (default <project>/.cluster): the sidecar writes sidecar.json here. */
  readonly stateDir: string;

  /** Build the pair (or reuse what is on disk) and make sure both run and stream. */
  up(): Promise<OperationReport>;
  /** Stop every server process this cluster started; nothing is left running. */
  down(): Promise<OperationReport>;
  /** A fresh snapshot; never hangs on a frozen or dead node. */
  status(): Promise<ClusterStatus>;
  /** From any state back to a fresh streaming pair (golden copy). */
  reset(): Promise<OperationReport>;

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
  /** Point a standby at another primary. */
  follow(node: NodeName, upstream: NodeName): Promise<OperationReport>;
  /** synchronous_standby_names on the current primary: on = the standby that streams from it. */
  setSync(on: boolean): Promise<OperationReport>;

  connection(node: NodeName): NodeConnection;
  shellContext(): ShellContext;
  tools(): ToolsInfo | null;
  /** Close client pools; does not stop servers. */
  close(): Promise<void>;
}
