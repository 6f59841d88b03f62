// The docker backend's driver: the seed's own environment — compose/docker-compose.yml's containers (the pair, and
// postgres-standby2 for a topology beyond it), created through dockerode — behind the same narrow interface as the
// embedded backend. Node operations are Docker's (pause, stop, kill, start: node-operations.ts); tools and file
// changes run inside the node's container as the postgres user (data-dir.ts); the start state is a golden copy in
// each node's golden volume; the third node's life is third-node.ts's, the network faults the link relay's in each
// container (link-relays.ts).
import { rm } from 'node:fs/promises';
import { resolve } from 'node:path';
import { DemoError } from '../../../shared/errors';
import { freePortRun } from '../../system/ports';
import { PAIR_NODES, TOPOLOGY_NAMES, type TopologyName } from '../../../shared/topology';
import { NODE_NAMES, type LinkStatus, type NodeName, type ProcessState, type ToolsInfo } from '../../../shared/types';
import type { NodeConnection } from '../cluster';
import type { ClusterDriver, ControlEndpoint, DriverOutcome, NodeTool, PeerAddress, ShellEnvironment, ToolOutput } from '../driver';
import type { FileEntry } from '../future-wal';
import { applicationNameOf, DATABASE, SUPERUSER } from '../naming';
import { nodeOf, projectOf, type DockerContext } from './context';
import * as dataDir from './data-dir';
import { DockerState, newPassword, type DockerStateFile } from './docker-state';
import { connectEngine, isLocalEngine, requireEngine } from './engine';
import { execIn, execOk } from './exec';
import { LinkRelays } from './link-relays';
import * as nodeOps from './node-operations';
import { discardScratch, dockerShellEnvironment } from './shell-environment';
import { requireThirdPort, restoreThird, THIRD } from './third-node';

/** where the other node reaches a node: the link relay in front of its server (compose/node/link-relay.pl) */
const LINK_PORT = 5433;
const IMAGE_DEFAULT = 'postgres:17';
/** the containers' label naming the state folder that made them (compose/docker-compose.yml) */
const STATE_DIR_LABEL = 'pgdemo.state-dir';

export interface DockerDriverOptions {
  stateDir: string;
  /** the primary's published port on 127.0.0.1 (the standby's is the next); default env PGDEMO_PORT, else 54320 */
  basePort?: number;
  composeFile?: string;
}

export class DockerDriver implements ClusterDriver {
  readonly kind = 'docker' as const;
  /** the pair's containers, and the compose file's third (profile three-nodes) for the others (docs/topologies.md) */
  readonly topologies: readonly TopologyName[] = TOPOLOGY_NAMES;
  readonly stateDir: string;
  readonly #ctx: DockerContext;
  readonly #links: LinkRelays;
  /** a build under way: its containers exist before docker.json does */
  #building = false;

  constructor(options: DockerDriverOptions) {
    this.stateDir = options.stateDir;
    this.#ctx = {
      stateDir: options.stateDir,
      engine: connectEngine(),
      records: new DockerState(options.stateDir),
      basePort: options.basePort ?? (Number(process.env.PGDEMO_PORT) || 54320),
      composeFile: options.composeFile,
    };
    this.#links = new LinkRelays(this.#ctx);
  }

  // ---- the pair -----------------------------------------------------------------------------------------------------

  async built(): Promise<'nothing' | 'incomplete' | 'complete'> {
    const { records, engine } = this.#ctx;
    const state = await records.refresh();
    if (!state) {
      const left = this.#building ? [] : await this.#containersOfThisFolder();
      if (left.length === 0) return 'nothing';
      throw new DemoError('INVALID_STATE', `${records.file} is gone, but the containers ${left.join(', ')} made for this state `
        + 'folder still exist: the folder was removed or emptied under a running pair.',
      { detail: 'Reset removes them and builds a fresh pair.' });
    }
    await requireEngine(engine, 3_000);
    const containers = await Promise.all(PAIR_NODES.map((n) => nodeOf(this.#ctx, n).state()));
    if (containers.includes('missing') || !state.startStateSaved) return 'incomplete';
    return 'complete';
  }

  /** The seed-named containers labelled with this state folder; none when the engine cannot be reached. */
  async #containersOfThisFolder(): Promise<NodeName[]> {
    if (!(await requireEngine(this.#ctx.engine, 3_000).then(() => true, () => false))) return [];
    const labels = await Promise.all(PAIR_NODES.map((n) => nodeOf(this.#ctx, n).label(STATE_DIR_LABEL).catch(() => undefined)));
    return PAIR_NODES.filter((_, i) => labels[i] === resolve(this.stateDir));
  }

  async createPair({ checkpoint }: { checkpoint: () => void }): Promise<DriverOutcome> {
    const { engine, basePort } = this.#ctx;
    this.#building = true;
    await requireEngine(engine);
    // three: the third node's is reserved by every build, so a reset can switch to any topology
    const first = isLocalEngine(engine.endpoint) ? await freePortRun(basePort, 3) : basePort;
    if (first === null) {
      throw new DemoError('INVALID_STATE', `No three free ports between ${basePort} and ${basePort + 100} on 127.0.0.1.`,
        { detail: 'Set PGDEMO_PORT to another range.' });
    }
    const draft = {
      image: process.env.PG_IMAGE || IMAGE_DEFAULT,
      ports: { 'postgres-primary': first, 'postgres-standby': first + 1, [THIRD]: first + 2 },
      password: newPassword(),
    };
    const project = await projectOf(this.#ctx, draft);
    // from nothing: a pair with the seed's container names, ours or left by hand, makes way
    await Promise.all([project.destroy(), discardScratch(this.stateDir)]);
    checkpoint();
    await project.up();
    checkpoint();
    const [uid, gid, version] = await Promise.all([['id', '-u'], ['id', '-g'], ['postgres', '--version']]
      .map(async (cmd) => (await execOk(engine.docker, 'postgres-primary', cmd)).stdout.trim()));
    const state: DockerStateFile = {
      version: 1, ...draft, uid: Number(uid), gid: Number(gid),
      pgVersion: /(\d+(?:\.\d+)+)/.exec(version ?? '')?.[1] ?? String(version),
      startStateSaved: false, link: { partitioned: [], latencyMs: 0 }, created: new Date().toISOString(),
    };
    await this.#ctx.records.write(state);
    return {
      method: `containers of compose/docker-compose.yml made through dockerode (${engine.endpoint}), then a golden copy in each node's golden volume`,
      detail: `image ${state.image} (PostgreSQL ${state.pgVersion}); ports 127.0.0.1:${first}/${first + 1} (${THIRD}: ${first + 2})`,
    };
  }

  async buildFinished(saved: boolean): Promise<void> {
    this.#building = false;
    if (saved) await this.#ctx.records.update((s) => ({ ...s, startStateSaved: true }));
  }

  async saveStartState(node: NodeName, leaveOut: string[]): Promise<void> {
    const container = nodeOf(this.#ctx, node);
    await container.runHeld(await this.#ctx.records.recorded());
    await container.verb('save-golden', leaveOut);
  }

  async restoreStartState(nodes: readonly NodeName[]): Promise<string> {
    const state = await this.#ctx.records.recorded();
    const wantsThird = nodes.includes(THIRD);
    if (wantsThird) requireThirdPort(state);
    await Promise.all([
      ...PAIR_NODES.map(async (node) => {
        await nodeOf(this.#ctx, node).runHeld(state);
        await nodeOf(this.#ctx, node).restoreGolden();
      }),
      wantsThird ? restoreThird(this.#ctx, state) : this.stop(THIRD, 'immediate'),
    ]);
    return `golden copy in each node's golden volume (pgdemo-node restore-golden${wantsThird ? `; ${THIRD} from the standby's` : ''}), servers restarted in their containers`;
  }

  async restoreDerived(nodes: readonly NodeName[]): Promise<void> {
    if (!nodes.includes(THIRD)) return;
    const state = await this.#ctx.records.recorded();
    requireThirdPort(state);
    await restoreThird(this.#ctx, state);
  }

  async stopAll(): Promise<DriverOutcome> {
    const state = await this.#ctx.records.read();
    if (!state) return { method: 'docker stop', detail: 'nothing was recorded in this state folder' };
    await requireEngine(this.#ctx.engine);
    const states = await Promise.all(NODE_NAMES.map((n) => nodeOf(this.#ctx, n).state()));
    const running = NODE_NAMES.filter((_, i) => states[i] === 'running' || states[i] === 'paused');
    await (await projectOf(this.#ctx, state)).down();
    return { method: 'docker stop (the entrypoint shuts each server down fast)', detail: running.length ? `stopped ${running.join(', ')}` : 'nothing was running' };
  }

  /** Removes the containers, their volumes and the network, and forgets the pair. */
  async destroy(): Promise<DriverOutcome> {
    const { records, engine, basePort } = this.#ctx;
    const state = await records.read().catch(() => null);
    await requireEngine(engine);
    const unrecorded = { image: IMAGE_DEFAULT, ports: { 'postgres-primary': basePort, 'postgres-standby': basePort + 1 }, password: 'x' };
    await (await projectOf(this.#ctx, state ?? unrecorded)).destroy();
    await rm(records.file, { force: true });
    return { method: 'docker rm -f, docker volume rm, docker network rm' };
  }

  // ---- one node -----------------------------------------------------------------------------------------------------

  processState(node: NodeName): Promise<{ state: ProcessState; note?: string }> { return nodeOps.processState(this.#ctx, node); }
  start(node: NodeName): Promise<DriverOutcome> { return nodeOps.start(this.#ctx, this.#links, node); }
  stop(node: NodeName, mode: 'fast' | 'immediate'): Promise<DriverOutcome> { return nodeOps.stop(this.#ctx, node, mode); }
  stopServer(node: NodeName): Promise<DriverOutcome> { return nodeOps.stopServer(this.#ctx, node); }
  freeze(node: NodeName): Promise<DriverOutcome> { return nodeOps.freeze(this.#ctx, node); }
  thaw(node: NodeName): Promise<DriverOutcome> { return nodeOps.thaw(this.#ctx, node); }

  async cloneFrom(node: NodeName, source: NodeName, slot: string): Promise<string> {
    const container = nodeOf(this.#ctx, node);
    await container.runHeld(await this.#ctx.records.recorded());
    await container.verb('stop', ['immediate']);
    await container.verb('clone-from', [source, slot, applicationNameOf(node)], 300_000);
    return `pg_basebackup from ${source}, inside the ${node} container`;
  }

  async runTool(node: NodeName, tool: NodeTool, args: string[], options: { timeoutMs?: number } = {}): Promise<ToolOutput> {
    const container = nodeOf(this.#ctx, node);
    if (await container.runHeld(await this.#ctx.records.recorded())) await container.verb('wait-ready');
    const result = await execIn(this.#ctx.engine.docker, node, [tool, ...args], { timeoutMs: options.timeoutMs ?? 120_000 });
    if (result.exitCode !== 0) {
      throw new DemoError('OPERATION_FAILED', `${tool} failed in ${node} (exit code ${result.exitCode}).`,
        { detail: `${result.stderr}\n${result.stdout}`.trim().split('\n').slice(-15).join('\n') });
    }
    return { stdout: result.stdout, stderr: result.stderr };
  }

  hasTool(_tool: NodeTool): boolean {
    return true; // any image the compose file accepts has PostgreSQL's client tools
  }

  dataDir(_node: NodeName): string { return dataDir.DATA_DIR; }
  readFile(node: NodeName, path: string): Promise<Buffer | null> { return dataDir.readFile(this.#ctx, node, path); }
  listFiles(node: NodeName, folder: string): Promise<FileEntry[]> { return dataDir.listFiles(this.#ctx, node, folder); }
  writeFile(node: NodeName, path: string, content: string): Promise<void> { return dataDir.writeFile(this.#ctx, node, path, content); }
  removeFile(node: NodeName, path: string): Promise<void> { return dataDir.removeFile(this.#ctx, node, path); }

  async serverLog(node: NodeName, lines: number): Promise<string> {
    const project = await projectOf(this.#ctx, await this.#ctx.records.recorded());
    return project.logTail(project.service(node), lines);
  }

  // ---- reaching the nodes -------------------------------------------------------------------------------------------

  connection(node: NodeName): NodeConnection {
    const state = this.#ctx.records.known();
    const ports: Partial<Record<NodeName, number>> | undefined = state?.ports;
    if (ports && ports[node] === undefined) {
      throw new DemoError('INVALID_STATE', `${node} has no container in this cluster: it was built without it.`,
        { detail: 'Reset to a topology that has it.' });
    }
    const port = ports?.[node] ?? this.#ctx.basePort + NODE_NAMES.indexOf(node);
    return { host: '127.0.0.1', port, user: SUPERUSER, database: DATABASE, ...(state ? { password: state.password } : {}) };
  }

  peerAddress(node: NodeName): PeerAddress {
    return { host: node, port: LINK_PORT };
  }

  shellEnvironment(control?: ControlEndpoint): ShellEnvironment {
    return dockerShellEnvironment(this.stateDir, control);
  }

  tools(): ToolsInfo | null {
    const state = this.#ctx.records.last ?? this.#ctx.records.readSync();
    if (!state) return null;
    return {
      source: 'docker image', binDir: state.image, version: state.pgVersion,
      available: { psql: true, pg_basebackup: true, pg_rewind: true, pg_controldata: true },
      substitutes: [],
    };
  }

  // ---- network faults: the link relay in each node ------------------------------------------------------------------

  async setLink(link: LinkStatus): Promise<DriverOutcome> {
    await this.#links.set(link);
    return { method: 'the link relay in each container, through which the other nodes stream, holds or delays what it forwards, per peer address' };
  }

  link(): Promise<LinkStatus> {
    return this.#links.read();
  }

  async close(): Promise<void> {
    // dockerode keeps no connection open between calls
  }
}
