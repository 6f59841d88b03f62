// The Cluster every backend gets: one operation at a time, clear errors, honest reports, and the policy — the pair's
// lifecycle (lifecycle/), who streams from whom (topology.ts), what status says (status.ts) — on top of a backend's
// driver.
import { DemoError, isDemoError, messageOf } from '../../shared/errors';
import { findLinkFault } from '../../shared/link-faults';
import { type ClusterAction, type ClusterStatus, type NodeName, type OperationReport, type SyncQuorum, type ToolsInfo } from '../../shared/types';
import type { Cluster, FollowOptions, NodeConnection, RebuildOptions } from './cluster';
import type { ClusterDriver, ControlEndpoint, DriverOutcome, ShellEnvironment } from './driver';
import { DEFAULT_TOPOLOGY, topologyChoices, topologyNodes, type TopologyName } from '../../shared/topology';
import { Interruption } from './lifecycle/interrupt';
import { cutLink, cutLinksOf, delayLink, healLink, healNode, requireLink, type LinkEnds } from './link-faults';
import { reset as resetPair } from './lifecycle/reset';
import { forgetTopology, recordedTopology } from './lifecycle/topology-record';
import { up as upPair } from './lifecycle/up';
import { SerialQueue } from './serial-queue';
import { setSync } from './sync-standbys';
import { readStatus } from './status';
import { ProbeSessions } from './sql/probe-sessions';
import * as topology from './topology';

const MAX_LATENCY_MS = 10_000;

export class ReplicationCluster implements Cluster {
  readonly #driver: ClusterDriver;
  // a second `reset` while the first copies files would be chaos; status reads do not queue
  readonly #queue = new SerialQueue();
  /** why the last `up` failed, until an up, reset or destroy succeeds: status says it (the sidecar serves on) */
  #upFailure: string | undefined;
  /** the status probe's kept session per node (closed by close()) */
  readonly #probes = new ProbeSessions();
  /** Ctrl-C: a build under way gives up at its next step */
  readonly #interruption = new Interruption();

  constructor(driver: ClusterDriver) {
    this.#driver = driver;
  }

  get backend() { return this.#driver.kind; }
  get stateDir() { return this.#driver.stateDir; }
  get topologies() { return this.#driver.topologies; }

  #run(action: ClusterAction, node: NodeName | undefined, work: () => Promise<DriverOutcome>): Promise<OperationReport> {
    return this.#queue.run(async () => {
      const started = performance.now();
      let outcome: DriverOutcome;
      try {
        outcome = await work();
      } catch (err) {
        if (isDemoError(err)) throw err;
        throw new DemoError('OPERATION_FAILED', `${action}${node ? ` ${node}` : ''} failed: ${messageOf(err)}`, { cause: err });
      }
      const { ok = true, method, detail } = outcome;
      return {
        ok, action, ...(node ? { node } : {}), durationMs: Math.round(performance.now() - started),
        ...(method ? { method } : {}), ...(detail ? { detail } : {}),
      };
    });
  }

  /** Node operations need a cluster to work on, that has the node (and the other one they name). */
  #nodeOp(action: ClusterAction, node: NodeName, work: () => Promise<DriverOutcome>, other?: NodeName): Promise<OperationReport> {
    return this.#run(action, node, async () => {
      if ((await this.#driver.built()) === 'nothing') {
        throw new DemoError('INVALID_STATE', `There is no cluster in ${this.stateDir} yet; run \`up\` first.`);
      }
      const topology = recordedTopology(this.stateDir);
      const members = topologyNodes(topology);
      const stranger = [node, other].find((n) => n && !members.includes(n));
      if (stranger) {
        throw new DemoError('BAD_REQUEST', `${stranger} is not a node of this cluster (topology ${topology}: ${members.join(', ')}).`,
          { detail: `Reset to a topology that has it (${topologyChoices()}).` });
      }
      return work();
    });
  }

  /** The seed's pair: its reports keep the seed's words (the deck's recordings show them). */
  #isPair(): boolean {
    try {
      return this.#members().length === 2;
    } catch {
      return true; // a damaged record: status says so; the words of a report are no reason to fail
    }
  }

  /** The recorded topology's replication link between these two nodes (BAD_REQUEST naming its links otherwise). */
  #link(a: NodeName, b: NodeName): LinkEnds {
    return requireLink(recordedTopology(this.stateDir), a, b);
  }

  /** The nodes of this cluster: its recorded topology's. */
  #members(): NodeName[] {
    return topologyNodes(recordedTopology(this.stateDir));
  }

  /** The topology a reset brings back when none is named: the recorded one; the pair when the record is damaged. */
  #resetTopology(): TopologyName {
    try {
      return recordedTopology(this.stateDir);
    } catch (err) {
      if (isDemoError(err) && err.code === 'INVALID_STATE') return DEFAULT_TOPOLOGY;
      throw err;
    }
  }

  // ---- the pair -----------------------------------------------------------------------------------------------

  up(topology?: TopologyName): Promise<OperationReport> {
    return this.#remembering(this.#run('up', undefined, () => upPair(this.#driver, this.#interruption.checkpoint, topology)), 'up');
  }

  /** Records a failed `up` for status, and forgets it once the pair is brought back by up, reset or destroy. */
  async #remembering(operation: Promise<OperationReport>, action: 'up' | 'reset' | 'destroy'): Promise<OperationReport> {
    try {
      const report = await operation;
      if (report.ok) this.#upFailure = undefined;
      else if (action === 'up') this.#upFailure = `up did not reach its goal: ${report.detail ?? 'no detail'}`;
      return report;
    } catch (err) {
      if (action === 'up') {
        const detail = (err as { detail?: string }).detail;
        this.#upFailure = `up failed: ${messageOf(err)}${detail ? ` ${detail}` : ''} (Reset builds a fresh pair)`;
      }
      throw err;
    }
  }

  reset(topology?: TopologyName): Promise<OperationReport> {
    return this.#remembering(this.#run('reset', undefined,
      () => resetPair(this.#driver, this.#interruption.checkpoint, topology ?? this.#resetTopology())), 'reset');
  }

  down(): Promise<OperationReport> {
    return this.#run('down', undefined, () => this.#driver.stopAll());
  }

  destroy(): Promise<OperationReport> {
    return this.#remembering(this.#run('destroy', undefined, async () => {
      const outcome = await this.#driver.destroy();
      await forgetTopology(this.stateDir);
      return outcome;
    }), 'destroy');
  }

  async status(): Promise<ClusterStatus> {
    const status = await readStatus(this.#driver, this.#probes);
    if (!this.#upFailure) return status;
    return { ...status, problem: status.problem ? `${status.problem}; ${this.#upFailure}` : this.#upFailure };
  }

  // ---- one node -------------------------------------------------------------------------------------------------

  freeze(node: NodeName) { return this.#nodeOp('freeze', node, () => this.#driver.freeze(node)); }
  thaw(node: NodeName) { return this.#nodeOp('thaw', node, () => this.#driver.thaw(node)); }
  crash(node: NodeName) { return this.#nodeOp('crash', node, () => this.#driver.stop(node, 'immediate')); }
  stop(node: NodeName) { return this.#nodeOp('stop', node, () => this.#driver.stop(node, 'fast')); }
  start(node: NodeName) { return this.#nodeOp('start', node, () => this.#driver.start(node)); }
  promote(node: NodeName) { return this.#nodeOp('promote', node, () => topology.promote(this.#driver, node)); }
  rewind(node: NodeName) { return this.#nodeOp('rewind', node, () => topology.rewind(this.#driver, node, this.#members())); }
  rebuild(node: NodeName, options?: RebuildOptions) {
    return this.#nodeOp('rebuild', node, () => topology.rebuild(this.#driver, node, this.#members(), options));
  }

  follow(node: NodeName, upstream: NodeName, options?: FollowOptions): Promise<OperationReport> {
    return this.#nodeOp('follow', node, () => topology.follow(this.#driver, node, upstream, options?.waitMs), upstream);
  }

  setSync(on: boolean, quorum?: SyncQuorum): Promise<OperationReport> {
    return this.#run('sync', undefined, () => setSync(this.#driver, this.#members(), on, quorum));
  }

  // ---- network faults between the nodes (what each change is: link-faults.ts) ------------------------------------

  partition(node: NodeName, peer?: NodeName): Promise<OperationReport> {
    return this.#nodeOp('partition', node, async () => {
      const link = await this.#driver.link();
      if (peer) {
        const between = this.#link(node, peer);
        if (findLinkFault(link.links, ...between)?.cut) return { detail: `the link ${between.join(' ↔ ')} was already cut` };
        const outcome = await this.#driver.setLink(cutLink(link, between));
        return { ...outcome, detail: outcome.detail ?? `the link ${between.join(' ↔ ')} is cut, both ways; the others are as they were` };
      }
      if (link.partitioned.includes(node)) return { detail: `${node} was already cut off` };
      const outcome = await this.#driver.setLink({ ...link, partitioned: [...link.partitioned, node] });
      return { ...outcome, detail: outcome.detail ?? (this.#isPair()
        ? `the link between ${node} and the other node is cut, both ways` : `${node} is cut off from every other node, both ways`) };
    }, peer);
  }

  heal(node: NodeName, peer?: NodeName): Promise<OperationReport> {
    return this.#nodeOp('heal', node, async () => {
      const link = await this.#driver.link();
      if (peer) {
        const between = this.#link(node, peer);
        const stillCut = [node, peer].filter((n) => link.partitioned.includes(n));
        const still = stillCut.length ? ` (${stillCut.join(' and ')} still cut off from every node: \`heal ${stillCut[0]}\`)` : '';
        if (!findLinkFault(link.links, ...between)?.cut) return { detail: `the link ${between.join(' ↔ ')} was not cut on its own${still}` };
        const outcome = await this.#driver.setLink(healLink(link, between));
        return { ...outcome, detail: outcome.detail ?? `the link ${between.join(' ↔ ')} is whole again${still}` };
      }
      const cutLinks = cutLinksOf(link, node);
      if (!link.partitioned.includes(node) && !cutLinks.length) return { detail: `${node} was not cut off` };
      const outcome = await this.#driver.setLink(healNode(link, node));
      return { ...outcome, detail: outcome.detail ?? (this.#isPair() ? `the link to ${node} is whole again` : `every link of ${node} is whole again`) };
    }, peer);
  }

  setLatency(ms: number, ends?: [NodeName, NodeName]): Promise<OperationReport> {
    const checkMs = () => {
      if (!Number.isInteger(ms) || ms < 0 || ms > MAX_LATENCY_MS) {
        throw new DemoError('BAD_REQUEST', `Latency must be a whole number of milliseconds from 0 to ${MAX_LATENCY_MS}.`);
      }
    };
    if (ends) {
      checkMs();
      return this.#nodeOp('latency', ends[0], async () => {
        const link = await this.#driver.link();
        const between = this.#link(...ends);
        const outcome = await this.#driver.setLink(delayLink(link, between, ms));
        const what = `the link ${between.join(' ↔ ')}`;
        return { ...outcome, detail: outcome.detail ?? (ms ? `${ms} ms added to each round trip on ${what}, on top of every link's ${link.latencyMs} ms`
          : `no latency of its own on ${what}`) };
      }, ends[1]);
    }
    return this.#run('latency', undefined, async () => {
      checkMs();
      if ((await this.#driver.built()) === 'nothing') {
        throw new DemoError('INVALID_STATE', `There is no cluster in ${this.stateDir} yet; run \`up\` first.`);
      }
      const outcome = await this.#driver.setLink({ ...(await this.#driver.link()), latencyMs: ms });
      const where = this.#isPair() ? 'between the nodes' : 'on every replication link';
      return { ...outcome, detail: outcome.detail ?? (ms ? `${ms} ms added to each round trip ${where}` : 'no added latency') };
    });
  }

  // ---- how others reach the nodes ---------------------------------------------------------------------------------

  connection(node: NodeName): NodeConnection {
    return this.#driver.connection(node);
  }

  serverLog(node: NodeName, lines: number): Promise<string> {
    return this.#driver.serverLog(node, lines);
  }

  shellEnvironment(control?: ControlEndpoint): ShellEnvironment {
    return this.#driver.shellEnvironment(control);
  }

  async prepareShell(): Promise<void> {
    await this.#driver.prepareShell?.();
  }

  tools(): ToolsInfo | null {
    return this.#driver.tools();
  }

  interrupt(): void {
    this.#interruption.request();
  }

  close(): Promise<void> {
    this.#probes.close();
    return this.#driver.close();
  }
}
