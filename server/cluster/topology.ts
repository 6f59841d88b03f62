// Operations that change who streams from whom — promote, rewind, rebuild, follow, sync — written once for every
// backend from the driver's primitives and SQL. Each says honestly whether it reached its goal.
import { DemoError } from '../../shared/errors';
import type { NodeName } from '../../shared/types';
import type { RebuildOptions } from './cluster';
import type { ClusterDriver, DriverOutcome } from './driver';
import { applicationNameOf, otherNode, primaryConninfo, slotOf, sourceServer } from './naming';
import { configureStandby, STANDBY_SIGNAL } from './node-files';
import { query } from './sql/client';
import { probeNode, type NodeProbe } from './sql/node-probe';
import {
  ensureSlot, promote as promoteSql, setUpstream, waitForReceivedTimeline, waitForStreaming,
} from './sql/replication';

/** Asks a node that must be running (frozen or stopped nodes get a clear error instead of a hang). */
export async function probeRunning(driver: ClusterDriver, node: NodeName): Promise<NodeProbe> {
  const { state } = await driver.processState(node);
  if (state === 'frozen') throw new DemoError('NODE_FROZEN', `${node} is frozen; thaw it first.`);
  if (state === 'stopped') throw new DemoError('NODE_DOWN', `${node} is not running; start it first.`);
  return probeNode(driver.connection(node), node);
}

/**
 * The node to copy from for rewind/rebuild: the running primary among the cluster's other nodes (`members`). In the
 * pair that is the other node, which must be a running primary; with more, the one running primary among them.
 */
async function requirePrimarySource(driver: ClusterDriver, target: NodeName, action: string,
  members: readonly NodeName[]): Promise<NodeName> {
  const others = members.filter((n) => n !== target);
  if (others.length > 1) return theRunningPrimary(driver, others, `${action} ${target}`);
  const source = others[0] ?? otherNode(target);
  const probe = await probeRunning(driver, source).catch((err: unknown) => {
    throw new DemoError('INVALID_STATE', `${action} ${target} needs ${source} running as the primary to copy from.`,
      { detail: (err as Error).message, cause: err });
  });
  if (probe.inRecovery) {
    throw new DemoError('INVALID_STATE', `${action} ${target} needs ${source} to be the primary, but it is a standby.`,
      { detail: `Promote ${source} first.` });
  }
  return source;
}

async function theRunningPrimary(driver: ClusterDriver, nodes: readonly NodeName[], what: string): Promise<NodeName> {
  const probes = await Promise.all(nodes.map(async (node) => ({ node, probe: await probeRunning(driver, node).catch(() => null) })));
  const primaries = probes.filter((p) => p.probe && !p.probe.inRecovery).map((p) => p.node);
  if (primaries.length === 1) return primaries[0]!;
  throw new DemoError('INVALID_STATE', primaries.length === 0
    ? `${what} needs a running primary to copy from, but none of ${nodes.join(', ')} is one.`
    : `${what} needs one primary to copy from, but ${primaries.join(' and ')} both are (split brain).`,
  { detail: primaries.length === 0 ? 'Promote a standby first.' : 'Rewind or rebuild one of them first.' });
}

/** Waits for `node` to stream from `upstream`; on timeout, fails with the node's last log lines. */
export async function streamingOutcome(driver: ClusterDriver, node: NodeName, upstream: NodeName,
  timeoutMs: number): Promise<Required<Pick<DriverOutcome, 'ok' | 'detail'>>> {
  try {
    // a primary upstream's timeline, which the node must have switched to (a standby upstream's is its own business)
    const probe = await probeNode(driver.connection(upstream), upstream);
    if (!probe.inRecovery && probe.timeline) await waitForReceivedTimeline(driver.connection(node), node, probe.timeline, timeoutMs);
    // its walsender, started over after a switch of timeline, streams again
    await waitForStreaming(driver.connection(upstream), upstream, applicationNameOf(node), { timeoutMs });
    return { ok: true, detail: `${node} streams from ${upstream}` };
  } catch {
    return {
      ok: false,
      detail: `${node} is not streaming from ${upstream} after ${timeoutMs / 1000} s. Its log says:\n`
        + await driver.serverLog(node, 4).catch(() => '(no log)'),
    };
  }
}

const conninfoFor = (driver: ClusterDriver, node: NodeName, upstream: NodeName) =>
  primaryConninfo(driver.peerAddress(upstream), node);

export async function promote(driver: ClusterDriver, node: NodeName): Promise<DriverOutcome> {
  const probe = await probeRunning(driver, node);
  if (!probe.inRecovery) throw new DemoError('INVALID_STATE', `${node} is already a primary.`);
  await promoteSql(driver.connection(node), node);
  const after = await probeNode(driver.connection(node), node);
  return { method: 'SELECT pg_promote()', detail: `${node} accepts writes on timeline ${after.timeline}` };
}

/** `members`: the cluster's nodes (its topology's). */
export async function rebuild(driver: ClusterDriver, node: NodeName, members: readonly NodeName[],
  options: RebuildOptions = {}): Promise<DriverOutcome> {
  const source = await requirePrimarySource(driver, node, 'Rebuilding', members);
  if (options.leaveStopped) {
    if (!driver.copyStopped) {
      throw new DemoError('TOOL_MISSING', `The ${driver.kind} backend has no copy that is left stopped (it has pg_rewind itself).`);
    }
    return {
      method: await driver.copyStopped(node, source),
      detail: `${node} holds a copy of ${source} (its settings, its WAL, no standby.signal) and is left stopped`,
    };
  }
  await ensureSlot(driver.connection(source), source, slotOf(node));
  const method = await driver.cloneFrom(node, source, slotOf(node));
  await configureStandby(driver, node, conninfoFor(driver, node, source), slotOf(node));
  await driver.start(node);
  return { method, ...await streamingOutcome(driver, node, source, 20_000) };
}

/** `members`: the cluster's nodes (its topology's). */
export async function rewind(driver: ClusterDriver, node: NodeName, members: readonly NodeName[]): Promise<DriverOutcome> {
  const source = await requirePrimarySource(driver, node, 'Rewinding', members);
  if (!driver.hasTool('pg_rewind')) {
    const rebuilt = await rebuild(driver, node, members);
    return { ...rebuilt, method: `re-clone from ${source}: ${rebuilt.method} (no pg_rewind in these binaries)` };
  }
  await driver.stopServer(node);
  // pg_rewind runs crash recovery on a crashed target in single-user mode, which refuses standby.signal
  await driver.removeFile(node, STANDBY_SIGNAL);
  await ensureSlot(driver.connection(source), source, slotOf(node));
  // right after a promotion the source's pg_control still names the old timeline (the end-of-recovery checkpoint
  // is spread over ~7 s), and pg_rewind would answer "no rewind required": checkpoint first
  await query(driver.connection(source), source, 'CHECKPOINT', [], { statementMs: 60_000 });
  const { stdout, stderr } = await driver.runTool(node, 'pg_rewind', [
    `--target-pgdata=${driver.dataDir(node)}`,
    `--source-server=${sourceServer(driver.peerAddress(source))}`,
  ], { timeoutMs: 300_000 });
  const output = `${stderr}\n${stdout}`;
  const summary = /servers diverged at [^\n]*|no rewind required/.exec(output)?.[0]
    ?? output.trim().split('\n').at(-1) ?? '';
  // pg_rewind copied the source's postgresql.auto.conf (its primary_conninfo, if any) and removed standby.signal
  await configureStandby(driver, node, conninfoFor(driver, node, source), slotOf(node));
  await driver.start(node);
  const streaming = await streamingOutcome(driver, node, source, 20_000);
  return { method: 'pg_rewind', ok: streaming.ok, detail: `pg_rewind: ${summary}; ${streaming.detail}` };
}

export async function follow(driver: ClusterDriver, node: NodeName, upstream: NodeName, waitMs = 10_000): Promise<DriverOutcome> {
  if (node === upstream) throw new DemoError('BAD_REQUEST', `${node} cannot follow itself.`);
  await probeRunning(driver, upstream);
  await ensureSlot(driver.connection(upstream), upstream, slotOf(node));
  const conninfo = conninfoFor(driver, node, upstream);
  const { state } = await driver.processState(node);
  if (state === 'frozen') throw new DemoError('NODE_FROZEN', `${node} is frozen; thaw it first.`);
  let method: string;
  if (state === 'running' && (await probeNode(driver.connection(node), node)).inRecovery) {
    await setUpstream(driver.connection(node), node, conninfo, slotOf(node));
    method = 'ALTER SYSTEM SET primary_conninfo, primary_slot_name + pg_reload_conf()';
  } else {
    if (state === 'running') await driver.stopServer(node);
    await configureStandby(driver, node, conninfo, slotOf(node));
    await driver.start(node);
    method = `${state === 'running' ? 'fast shutdown, ' : ''}standby.signal + primary_conninfo, start`;
  }
  return { method, ...await streamingOutcome(driver, node, upstream, waitMs) };
}
