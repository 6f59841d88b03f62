// The docker backend's driver: the seed's own environment — compose/docker-compose.yml's two containers, created
// through dockerode — behind the same narrow interface as the embedded backend. Node operations are Docker's
// (pause, stop, kill, start); tools and file changes run inside the node's container as the postgres user; the
// start state is a golden copy in each node's golden volume.
import { mkdirSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { DemoError } from '../../../shared/errors';
import { freePortRun } from '../../system/ports';
import { PAIR_NODES, TOPOLOGY_NAMES, type TopologyName } from '../../../shared/topology';
import { NODE_NAMES, type LinkStatus, type NodeName, type ProcessState, type ToolsInfo } from '../../../shared/types';
import type { NodeConnection } from '../cluster';
import type { ClusterDriver, ControlEndpoint, DriverOutcome, NodeTool, PeerAddress, ShellEnvironment, ToolOutput } from '../driver';
import type { FileEntry } from '../future-wal';
import { faultsOn, faultsReaching } from '../../../shared/link-faults';
import { NO_LINK_FAULTS } from '../link-faults';
import { pollUntil } from '../poll';
import { applicationNameOf, DATABASE, SUPERUSER } from '../naming';
import { baseShellEnvironment, SYSTEM_PATH } from '../../runner/shell/base-environment';
import { ComposeProject } from './compose-project';
import { DockerState, newPassword, type DockerStateFile } from './docker-state';
import { connectEngine, requireEngine, type Engine } from './engine';
import { execIn, execOk, type ExecResult } from './exec';
import { HOLD_FILE, NodeContainer } from './node-container';

/** The seed's data directory inside each container. */
const DATA_DIR = '/var/lib/postgresql/data';
/** where the other node reaches a node: the link relay in front of its server (compose/node/link-relay.pl) */
const LINK_PORT = 5433;
const IMAGE_DEFAULT = 'postgres:17';
/** the containers' label naming the state folder that made them (compose/docker-compose.yml) */
const STATE_DIR_LABEL = 'pgdemo.state-dir';
/** the compose file's profile of the node beyond the pair (postgres-standby2) */
const THIRD_NODE_PROFILE = 'three-nodes';

export interface DockerDriverOptions {
  stateDir: string;
  /** the primary's published port on 127.0.0.1 (the standby's is the next); default env PGDEMO_PORT, else 54320 */
  basePort?: number;
  composeFile?: string;
}

const isLocalEngine = (endpoint: string) => /^unix:|^(tcp|http|https):\/\/(127\.0\.0\.1|localhost|\[::1\])(:|\/|$)/.test(endpoint);

const THIRD = 'postgres-standby2' as const satisfies NodeName;

function requireThirdPort(state: DockerStateFile): void {
  if (state.ports[THIRD] !== undefined) return;
  throw new DemoError('INVALID_STATE', `This docker cluster was built before three-node topologies: it has no port for ${THIRD}.`,
    { detail: 'Run `pgdemo cluster destroy --backend docker`, then `up` (a build reserves a port for a third node).' });
}

export class DockerDriver implements ClusterDriver {
  readonly kind = 'docker' as const;
  /** the pair's containers, and the compose file's third (profile three-nodes) for the others (docs/topologies.md) */
  readonly topologies: readonly TopologyName[] = TOPOLOGY_NAMES;
  readonly stateDir: string;
  readonly #state: DockerState;
  readonly #basePort: number;
  readonly #composeFile: string | undefined;
  readonly #engine: Engine;
  #known: DockerStateFile | null = null;
  /** a build under way: its containers exist before docker.json does */
  #building = false;

  constructor(options: DockerDriverOptions) {
    this.stateDir = options.stateDir;
    this.#state = new DockerState(options.stateDir);
    this.#basePort = options.basePort ?? (Number(process.env.PGDEMO_PORT) || 54320);
    this.#composeFile = options.composeFile;
    this.#engine = connectEngine();
  }

  // ---- wiring -------------------------------------------------------------------------------------------------

  #node(node: NodeName): NodeContainer {
    return new NodeContainer(this.#engine.docker, node);
  }

  async #recorded(): Promise<DockerStateFile> {
    const state = await this.#state.read();
    if (!state) throw new DemoError('INVALID_STATE', `There is no docker cluster in ${this.stateDir} yet; run \`up\` first.`);
    this.#known = state;
    return state;
  }

  #project(state: Pick<DockerStateFile, 'image' | 'ports' | 'password'>): Promise<ComposeProject> {
    return ComposeProject.open({
      composeFile: this.#composeFile,
      engine: this.#engine,
      env: {
        ...process.env,
        PG_IMAGE: state.image,
        PGDEMO_PORT: String(state.ports['postgres-primary']),
        PGDEMO_STANDBY_PORT: String(state.ports['postgres-standby']),
        ...(state.ports['postgres-standby2'] === undefined ? {} : { PGDEMO_STANDBY2_PORT: String(state.ports['postgres-standby2']) }),
        POSTGRES_PASSWORD: state.password,
        PGDEMO_STATE_DIR: resolve(this.stateDir),
      },
    });
  }

  #verb(node: NodeName, verb: string, args: string[] = [], timeoutMs?: number): Promise<ExecResult> {
    return this.#node(node).verb(verb, args, timeoutMs);
  }

  // ---- the pair -----------------------------------------------------------------------------------------------------

  async built(): Promise<'nothing' | 'incomplete' | 'complete'> {
    const state = await this.#state.read();
    this.#known = state;
    if (!state) {
      const left = this.#building ? [] : await this.#containersOfThisFolder();
      if (left.length === 0) return 'nothing';
      throw new DemoError('INVALID_STATE', `${this.#state.file} is gone, but the containers ${left.join(', ')} made for this state `
        + 'folder still exist: the folder was removed or emptied under a running pair.',
      { detail: 'Reset removes them and builds a fresh pair.' });
    }
    await requireEngine(this.#engine, 3_000);
    const containers = await Promise.all(PAIR_NODES.map((n) => this.#node(n).state()));
    if (containers.includes('missing') || !state.startStateSaved) return 'incomplete';
    return 'complete';
  }

  /** The seed-named containers labelled with this state folder; none when the engine cannot be reached. */
  async #containersOfThisFolder(): Promise<NodeName[]> {
    if (!(await requireEngine(this.#engine, 3_000).then(() => true, () => false))) return [];
    const labels = await Promise.all(PAIR_NODES.map((n) => this.#node(n).label(STATE_DIR_LABEL).catch(() => undefined)));
    return PAIR_NODES.filter((_, i) => labels[i] === resolve(this.stateDir));
  }

  async createPair({ checkpoint }: { checkpoint: () => void }): Promise<DriverOutcome> {
    this.#building = true;
    await requireEngine(this.#engine);
    const local = isLocalEngine(this.#engine.endpoint);
    // three: the third node's is reserved by every build, so a reset can switch to any topology
    const first = local ? await freePortRun(this.#basePort, 3) : this.#basePort;
    if (first === null) {
      throw new DemoError('INVALID_STATE', `No three free ports between ${this.#basePort} and ${this.#basePort + 100} on 127.0.0.1.`,
        { detail: 'Set PGDEMO_PORT to another range.' });
    }
    const draft = {
      image: process.env.PG_IMAGE || IMAGE_DEFAULT,
      ports: { 'postgres-primary': first, 'postgres-standby': first + 1, 'postgres-standby2': first + 2 },
      password: newPassword(),
    };
    const project = await this.#project(draft);
    // from nothing: a pair with the seed's container names, ours or left by hand, makes way
    await project.destroy();
    checkpoint();
    await project.up();
    checkpoint();
    const [uid, gid, version] = await Promise.all([['id', '-u'], ['id', '-g'], ['postgres', '--version']]
      .map(async (cmd) => (await execOk(this.#engine.docker, 'postgres-primary', cmd)).stdout.trim()));
    const state: DockerStateFile = {
      version: 1, ...draft, uid: Number(uid), gid: Number(gid),
      pgVersion: /(\d+(?:\.\d+)+)/.exec(version ?? '')?.[1] ?? String(version),
      startStateSaved: false, link: { partitioned: [], latencyMs: 0 }, created: new Date().toISOString(),
    };
    await this.#state.write(state);
    this.#known = state;
    return {
      method: `containers of compose/docker-compose.yml made through dockerode (${this.#engine.endpoint}), then a golden copy in each node's golden volume`,
      detail: `image ${state.image} (PostgreSQL ${state.pgVersion}); ports 127.0.0.1:${first}/${first + 1} (postgres-standby2: ${first + 2})`,
    };
  }

  async buildFinished(saved: boolean): Promise<void> {
    this.#building = false;
    if (saved) this.#known = await this.#state.update((s) => ({ ...s, startStateSaved: true }));
  }

  async saveStartState(node: NodeName, leaveOut: string[]): Promise<void> {
    await this.#node(node).runHeld(await this.#recorded());
    await this.#verb(node, 'save-golden', leaveOut);
  }

  async restoreStartState(nodes: readonly NodeName[]): Promise<string> {
    const state = await this.#recorded();
    const wantsThird = nodes.includes(THIRD);
    if (wantsThird) requireThirdPort(state);
    await Promise.all([
      ...PAIR_NODES.map((node) => this.#restoreGolden(node, () => this.#node(node).runHeld(state))),
      wantsThird ? this.#restoreThird(state) : this.stop(THIRD, 'immediate'),
    ]);
    return `golden copy in each node's golden volume (pgdemo-node restore-golden${wantsThird ? `; ${THIRD} from the standby's` : ''}), servers restarted in their containers`;
  }

  async restoreDerived(nodes: readonly NodeName[]): Promise<void> {
    if (!nodes.includes(THIRD)) return;
    const state = await this.#recorded();
    requireThirdPort(state);
    await this.#restoreThird(state);
  }

  /** The third node's golden folder is the standby's golden volume, read-only: the same cleanly stopped primary. */
  #restoreThird(state: DockerStateFile): Promise<void> {
    return this.#restoreGolden(THIRD, () => this.#holdThirdNode(state));
  }

  /** A node's data made its golden copy again: its container running held (`hold`), its server stopped first. */
  async #restoreGolden(node: NodeName, hold: () => Promise<unknown>): Promise<void> {
    await hold();
    await this.#verb(node, 'stop', ['immediate']);
    await this.#verb(node, 'restore-golden');
  }

  /** postgres-standby2's container running held (made from the compose file's profile when missing), its server stopped. */
  async #holdThirdNode(state: DockerStateFile): Promise<void> {
    const node = this.#node(THIRD);
    if ((await node.state()) !== 'missing') {
      await node.runHeld(state);
      return;
    }
    const project = await this.#project(state);
    await project.startService(node.name, () => node.putFile(HOLD_FILE, '', { uid: state.uid, gid: state.gid, mode: 0o600 }));
    await this.#verb(node.name as NodeName, 'wait-ready', [], 65_000);
  }

  async stopAll(): Promise<DriverOutcome> {
    const state = await this.#state.read();
    if (!state) return { method: 'docker stop', detail: 'nothing was recorded in this state folder' };
    await requireEngine(this.#engine);
    const states = await Promise.all(NODE_NAMES.map((n) => this.#node(n).state()));
    const running = NODE_NAMES.filter((_, i) => states[i] === 'running' || states[i] === 'paused');
    await (await this.#project(state)).down();
    return { method: 'docker stop (the entrypoint shuts each server down fast)', detail: running.length ? `stopped ${running.join(', ')}` : 'nothing was running' };
  }

  /** Removes the containers, their volumes and the network, and forgets the pair. */
  async destroy(): Promise<DriverOutcome> {
    const state = await this.#state.read().catch(() => null);
    await requireEngine(this.#engine);
    await (await this.#project(state ?? { image: IMAGE_DEFAULT, ports: { 'postgres-primary': this.#basePort, 'postgres-standby': this.#basePort + 1 }, password: 'x' })).destroy();
    await rm(this.#state.file, { force: true });
    return { method: 'docker rm -f, docker volume rm, docker network rm' };
  }

  // ---- one node -----------------------------------------------------------------------------------------------------

  async processState(node: NodeName): Promise<{ state: ProcessState; note?: string }> {
    const container = this.#node(node);
    const state = await container.state();
    if (state === 'missing') return { state: 'stopped', note: `container ${node} is missing` };
    if (state === 'paused') return { state: 'frozen' };
    if (state === 'stopped') return { state: 'stopped', note: 'container stopped' };
    return (await container.serverRunning()) ? { state: 'running' } : { state: 'stopped', note: 'container running, server stopped' };
  }

  async start(node: NodeName): Promise<DriverOutcome> {
    const container = this.#node(node);
    const state = await container.state();
    if (state === 'missing') throw new DemoError('INVALID_STATE', `The container ${node} is missing; \`reset\` or \`up\` builds the pair again.`);
    if (state === 'paused') throw new DemoError('NODE_FROZEN', `${node} is frozen; thaw it instead of starting it.`);
    if (state === 'running' && await container.serverRunning()) return { detail: `${node} was already running` };
    if (state === 'stopped') await this.#engine.docker.getContainer(node).start();
    await this.#verb(node, 'start');
    // a started container may have a new address: the filters for the peer follow it
    await this.#reapplyLink();
    return { method: state === 'stopped' ? 'docker start' : 'pg_ctl start inside the running container' };
  }

  async stop(node: NodeName, mode: 'fast' | 'immediate'): Promise<DriverOutcome> {
    const container = this.#engine.docker.getContainer(node);
    const state = await this.#node(node).state();
    if (state === 'missing' || state === 'stopped') return { detail: `${node} was not running` };
    if (state === 'paused') await container.unpause();
    const thawed = state === 'paused' ? 'thawed first (a frozen container takes no signal)' : undefined;
    if (mode === 'immediate') {
      await container.kill();
      await container.wait();
      return { method: 'docker kill (SIGKILL to every process of the container)', detail: thawed };
    }
    await container.stop();
    return { method: 'docker stop (the entrypoint shuts the server down fast)', detail: thawed };
  }

  async stopServer(node: NodeName): Promise<DriverOutcome> {
    const state = await this.#node(node).state();
    if (state === 'missing' || state === 'stopped') return { detail: `${node} was not running` };
    if (state === 'paused') await this.#engine.docker.getContainer(node).unpause();
    await this.#verb(node, 'stop', ['fast']);
    return { method: 'pg_ctl stop -m fast inside the container, which stays up', detail: state === 'paused' ? 'thawed first' : undefined };
  }

  async freeze(node: NodeName): Promise<DriverOutcome> {
    const { state } = await this.processState(node);
    if (state === 'stopped') throw new DemoError('NODE_DOWN', `${node} is not running, so there is nothing to freeze.`);
    if (state === 'frozen') return { detail: `${node} was already frozen` };
    await this.#engine.docker.getContainer(node).pause();
    return { method: 'docker pause (the cgroup freezer stops every process of the container)' };
  }

  async thaw(node: NodeName): Promise<DriverOutcome> {
    const { state } = await this.processState(node);
    if (state === 'stopped') throw new DemoError('NODE_DOWN', `${node} is not running, so there is nothing to thaw.`);
    if (state !== 'frozen') return { detail: `${node} was not frozen` };
    await this.#engine.docker.getContainer(node).unpause();
    return { method: 'docker unpause' };
  }

  async cloneFrom(node: NodeName, source: NodeName, slot: string): Promise<string> {
    const state = await this.#recorded();
    await this.#node(node).runHeld(state);
    await this.#verb(node, 'stop', ['immediate']);
    await this.#verb(node, 'clone-from', [source, slot, applicationNameOf(node)], 300_000);
    return `pg_basebackup from ${source}, inside the ${node} container`;
  }

  async runTool(node: NodeName, tool: NodeTool, args: string[], options: { timeoutMs?: number } = {}): Promise<ToolOutput> {
    const state = await this.#recorded();
    if (await this.#node(node).runHeld(state)) await this.#verb(node, 'wait-ready');
    const result = await execIn(this.#engine.docker, node, [tool, ...args], { timeoutMs: options.timeoutMs ?? 120_000 });
    if (result.exitCode !== 0) {
      throw new DemoError('OPERATION_FAILED', `${tool} failed in ${node} (exit code ${result.exitCode}).`,
        { detail: `${result.stderr}\n${result.stdout}`.trim().split('\n').slice(-15).join('\n') });
    }
    return { stdout: result.stdout, stderr: result.stderr };
  }

  hasTool(_tool: NodeTool): boolean {
    return true; // any image the compose file accepts has PostgreSQL's client tools
  }

  dataDir(_node: NodeName): string {
    return DATA_DIR;
  }

  readFile(node: NodeName, path: string): Promise<Buffer | null> {
    return this.#node(node).readFile(`${DATA_DIR}/${path}`);
  }

  async listFiles(node: NodeName, folder: string): Promise<FileEntry[]> {
    await this.#node(node).runHeld(await this.#recorded());
    const { stdout } = await execOk(this.#engine.docker, node,
      ['find', `${DATA_DIR}/${folder}`, '-mindepth', '1', '-maxdepth', '1', '-type', 'f', '-printf', '%s %f\\n']);
    return stdout.split('\n').filter(Boolean).map((line) => {
      const [size, ...name] = line.split(' ');
      return { name: name.join(' '), size: Number(size) };
    });
  }

  async writeFile(node: NodeName, path: string, content: string): Promise<void> {
    const state = await this.#recorded();
    await this.#node(node).putFile(`${DATA_DIR}/${path}`, content, { uid: state.uid, gid: state.gid, mode: 0o600 });
  }

  async removeFile(node: NodeName, path: string): Promise<void> {
    const state = await this.#recorded();
    if (await this.#node(node).runHeld(state)) await this.#verb(node, 'wait-ready');
    await execOk(this.#engine.docker, node, ['rm', '-f', `${DATA_DIR}/${path}`]);
  }

  async serverLog(node: NodeName, lines: number): Promise<string> {
    const state = await this.#recorded();
    const project = await this.#project(state);
    return project.logTail(project.service(node), lines);
  }

  // ---- reaching the nodes -------------------------------------------------------------------------------------------

  connection(node: NodeName): NodeConnection {
    // another process (a CLI `up`) may have built the pair since this object was made
    const state = this.#known ?? this.#state.readSync();
    this.#known = state;
    const ports: Partial<Record<NodeName, number>> | undefined = state?.ports;
    if (ports && ports[node] === undefined) {
      throw new DemoError('INVALID_STATE', `${node} has no container in this cluster: it was built without it.`,
        { detail: 'Reset to a topology that has it.' });
    }
    const port = ports?.[node] ?? this.#basePort + NODE_NAMES.indexOf(node);
    return { host: '127.0.0.1', port, user: SUPERUSER, database: DATABASE, ...(state ? { password: state.password } : {}) };
  }

  peerAddress(node: NodeName): PeerAddress {
    return { host: node, port: LINK_PORT };
  }

  shellEnvironment(control?: ControlEndpoint): ShellEnvironment {
    const scratchDir = join(this.stateDir, 'scratch');
    // before the shell spawns in it: a missing cwd makes spawn fail with a misleading ENOENT for bash
    mkdirSync(scratchDir, { recursive: true });
    // the real docker CLI, talking to the same engine as we do
    const dockerEnv = Object.fromEntries(Object.entries(process.env).filter(([k, v]) => k.startsWith('DOCKER_') && v)) as Record<string, string>;
    return {
      env: baseShellEnvironment({ path: process.env.PATH?.split(':') ?? SYSTEM_PATH, scratchDir, control, extra: dockerEnv }),
      cwd: scratchDir,
    };
  }

  tools(): ToolsInfo | null {
    const state = this.#known ?? this.#state.readSync();
    if (!state) return null;
    return {
      source: 'docker image', binDir: state.image, version: state.pgVersion,
      available: { psql: true, pg_basebackup: true, pg_rewind: true, pg_controldata: true },
      substitutes: [],
    };
  }

  // ---- network faults: the link relay in each node ------------------------------------------------------------------

  /**
   * Puts the faults in place on every running node (a container that starts again begins with a whole link): each
   * node's relay gets its faults for any peer, then each other node's own by that node's address (shared/link-faults.ts).
   */
  async #applyLink(link: LinkStatus): Promise<void> {
    const nodes = await Promise.all(NODE_NAMES.map(async (node) => ({
      node, state: await this.#node(node).state(), addresses: await this.#node(node).addresses(),
    })));
    const flags = ({ cut, latencyMs }: { cut: boolean; latencyMs: number }) => [cut ? '1' : '0', String(latencyMs)];
    await Promise.all(nodes.filter((n) => n.state === 'running').map(async ({ node }) => {
      const args = [...flags(faultsReaching(link, node, NODE_NAMES)), ...nodes.filter((peer) => peer.node !== node)
        .flatMap((peer) => peer.addresses.flatMap((address) => [address, ...flags(faultsOn(link, peer.node, node))]))];
      // a container stopped meanwhile (a reset to the pair kills the third one beside this) starts with a whole link;
      // an exec into one being killed fails (exit 126) while Docker may still call it running for a moment
      await this.#verb(node, 'link', args, 10_000).catch(async (err: unknown) => {
        const stopped = await pollUntil(async () => (await this.#node(node).state()) !== 'running', { timeoutMs: 2_000, intervalMs: 50, what: `${node} to stop` })
          .catch(() => false);
        if (!stopped) throw err;
      });
    }));
  }

  async #reapplyLink(): Promise<void> {
    const state = await this.#recorded();
    if (state.link.partitioned.length || state.link.latencyMs || state.link.links?.length) await this.#applyLink(state.link);
  }

  async setLink(link: LinkStatus): Promise<DriverOutcome> {
    const { partitioned, latencyMs, links = [] } = link;
    this.#known = await this.#state.update((s) => ({
      ...s, link: { partitioned: [...partitioned], latencyMs, ...(links.length ? { links: [...links] } : {}) },
    }));
    await this.#applyLink(this.#known.link);
    return { method: 'the link relay in each container, through which the other nodes stream, holds or delays what it forwards, per peer address' };
  }

  async link(): Promise<LinkStatus> {
    const state = this.#known ?? await this.#state.read();
    if (!state) return NO_LINK_FAULTS;
    const { partitioned, latencyMs, links } = state.link;
    return { partitioned: [...partitioned], latencyMs, ...(links?.length ? { links: [...links] } : {}) };
  }

  async close(): Promise<void> {
    // dockerode keeps no connection open between calls
  }
}
