// Operations that change who streams from whom: promote, rewind, rebuild, follow, sync.
import { join } from 'node:path';
import { DemoError } from '../../errors';
import type { NodeName } from '../../types';
import type { RebuildOptions } from '../cluster';
import { applicationNameOf, otherNode, primaryConninfo, slotOf, SUPERUSER, DATABASE } from '../naming';
import { query } from '../sql/client';
import { probeNode, type NodeProbe } from '../sql/node-probe';
import { ensureSlot, promote as promoteSql, setSynchronousStandby, setUpstream, waitForStreaming } from '../sql/replication';
import { cloneStandby, METHOD_BACKUP_API } from './clone';
import { socketConnection, toolEnv, type EmbeddedContext } from './context';
import { killNodes, startNode, stopNode } from './lifecycle';
import { copyStopped } from './copy-stopped';
import { configureStandby, removeStandbySignal } from './node-config';
import type { OperationOutcome } from './node-operations';
import { findPostmaster } from './postmaster';
import { lastLines, runTool, tailOf } from './run-tool';
import type { Trash } from './trash';

/** Asks a node that must be running (frozen or stopped nodes get a clear error instead of a hang). */
async function probeRunning(ctx: EmbeddedContext, node: NodeName): Promise<NodeProbe> {
  const pm = await findPostmaster(ctx.layout.dataDir(node));
  if (pm.state === 'frozen') throw new DemoError('NODE_FROZEN', `${node} is frozen; thaw it first.`);
  if (pm.state === 'stopped') throw new DemoError('NODE_DOWN', `${node} is not running; start it first.`);
  return probeNode(socketConnection(ctx, node), node);
}

/** The node to copy from for rewind/rebuild: the other node, which must be a running primary. */
async function requirePrimarySource(ctx: EmbeddedContext, target: NodeName, action: string): Promise<NodeName> {
  const source = otherNode(target);
  const probe = await probeRunning(ctx, source).catch((err: unknown) => {
    throw new DemoError('INVALID_STATE', `${action} ${target} needs ${source} running as the primary to copy from.`,
      { detail: (err as Error).message, cause: err });
  });
  if (probe.inRecovery) {
    throw new DemoError('INVALID_STATE', `${action} ${target} needs ${source} to be the primary, but it is a standby.`,
      { detail: `Promote ${source} first.` });
  }
  return source;
}

/** Waits for `node` to stream from `upstream`; on timeout, says so with the node's last log lines. */
async function streamingOrDetail(ctx: EmbeddedContext, node: NodeName, upstream: NodeName, timeoutMs: number) {
  try {
    await waitForStreaming(socketConnection(ctx, upstream), upstream, applicationNameOf(node), { timeoutMs });
    return `${node} streams from ${upstream}`;
  } catch {
    return `${node} is not streaming from ${upstream} after ${timeoutMs / 1000} s. Its log says:\n`
      + await tailOf(ctx.layout.logFile(node), 4);
  }
}

export async function promote(ctx: EmbeddedContext, node: NodeName): Promise<OperationOutcome> {
  const probe = await probeRunning(ctx, node);
  if (!probe.inRecovery) throw new DemoError('INVALID_STATE', `${node} is already a primary.`);
  await promoteSql(socketConnection(ctx, node), node);
  const after = await probeNode(socketConnection(ctx, node), node);
  return { method: 'SELECT pg_promote()', detail: `${node} accepts writes on timeline ${after.timeline}` };
}

export async function rewind(ctx: EmbeddedContext, trash: Trash, node: NodeName): Promise<OperationOutcome> {
  const source = await requirePrimarySource(ctx, node, 'Rewinding');
  if (!ctx.binaries.available.pg_rewind) {
    const outcome = await rebuild(ctx, trash, node);
    return { method: `re-clone from ${source}: ${outcome.method === METHOD_BACKUP_API
      ? 'pg_backup_start/pg_backup_stop + file copy' : outcome.method} (no pg_rewind in these binaries)`,
    detail: outcome.detail };
  }
  const dataDir = ctx.layout.dataDir(node);
  await stopNode(ctx, node, 'fast');
  // pg_rewind runs crash recovery on a crashed target in single-user mode, which refuses standby.signal
  await removeStandbySignal(dataDir);
  await ensureSlot(socketConnection(ctx, source), source, slotOf(node));
  // right after a promotion the source's pg_control still names the old timeline (the end-of-recovery checkpoint
  // is spread over ~7 s), and pg_rewind would answer "no rewind required": checkpoint first
  await query(socketConnection(ctx, source), source, 'CHECKPOINT', [], { statementMs: 60_000 });
  const { stdout, stderr } = await runTool(join(ctx.binaries.binDir, 'pg_rewind'), [
    `--target-pgdata=${dataDir}`,
    `--source-server=host=127.0.0.1 port=${ctx.ports[source]} user=${SUPERUSER} dbname=${DATABASE}`,
  ], { runAs: ctx.runAs, env: toolEnv(ctx), timeoutMs: 300_000 });
  const output = `${stderr}\n${stdout}`;
  const summary = /servers diverged at [^\n]*|no rewind required/.exec(output)?.[0] ?? lastLines(output, 1);
  // pg_rewind copied the source's postgresql.auto.conf (its primary_conninfo, if any) and removed standby.signal
  await configureStandby(dataDir, primaryConninfo('127.0.0.1', ctx.ports[source], node), slotOf(node), ctx.runAs);
  await startNode(ctx, node);
  const streaming = await streamingOrDetail(ctx, node, source, 20_000);
  return { method: 'pg_rewind', detail: `pg_rewind: ${summary}; ${streaming}` };
}

export async function rebuild(ctx: EmbeddedContext, trash: Trash, node: NodeName,
  options: RebuildOptions = {}): Promise<OperationOutcome> {
  const source = await requirePrimarySource(ctx, node, 'Rebuilding');
  await killNodes(ctx, [node]);
  await trash.moveIn(ctx.layout.dataDir(node));
  trash.purgeInBackground();
  if (options.leaveStopped) {
    return {
      method: await copyStopped(ctx, source, node),
      detail: `${node} holds a copy of ${source} (its settings, its WAL, no standby.signal) and is left stopped`,
    };
  }
  const method = await cloneStandby(ctx, source, node);
  await startNode(ctx, node);
  return { method, detail: await streamingOrDetail(ctx, node, source, 20_000) };
}

export async function follow(ctx: EmbeddedContext, node: NodeName, upstream: NodeName): Promise<OperationOutcome> {
  if (node === upstream) throw new DemoError('BAD_REQUEST', `${node} cannot follow itself.`);
  await probeRunning(ctx, upstream);
  await ensureSlot(socketConnection(ctx, upstream), upstream, slotOf(node));
  const conninfo = primaryConninfo('127.0.0.1', ctx.ports[upstream], node);
  const pm = await findPostmaster(ctx.layout.dataDir(node));
  if (pm.state === 'frozen') throw new DemoError('NODE_FROZEN', `${node} is frozen; thaw it first.`);
  let method: string;
  if (pm.state === 'running' && (await probeNode(socketConnection(ctx, node), node)).inRecovery) {
    await setUpstream(socketConnection(ctx, node), node, conninfo, slotOf(node));
    method = 'ALTER SYSTEM SET primary_conninfo, primary_slot_name + pg_reload_conf()';
  } else {
    const wasRunning = pm.state === 'running';
    if (wasRunning) await stopNode(ctx, node, 'fast');
    await configureStandby(ctx.layout.dataDir(node), conninfo, slotOf(node), ctx.runAs);
    await startNode(ctx, node);
    method = `${wasRunning ? 'fast shutdown, ' : ''}standby.signal + primary_conninfo, start`;
  }
  return { method, detail: await streamingOrDetail(ctx, node, upstream, 10_000) };
}

export async function setSync(ctx: EmbeddedContext, on: boolean): Promise<OperationOutcome> {
  const probes = await Promise.all((['postgres-primary', 'postgres-standby'] as const).map(async (node) => ({
    node, probe: await probeRunning(ctx, node).catch(() => null),
  })));
  const primaries = probes.filter((p) => p.probe && !p.probe.inRecovery);
  const withStandby = primaries.filter((p) => p.probe!.replication.length > 0);
  const chosen = primaries.length === 1 ? primaries[0] : withStandby.length === 1 ? withStandby[0] : undefined;
  if (!chosen) {
    throw new DemoError('INVALID_STATE', primaries.length === 0
      ? 'There is no running primary to set synchronous_standby_names on.'
      : 'Both nodes are primaries (split brain); rewind or rebuild one first.');
  }
  const expected = applicationNameOf(otherNode(chosen.node));
  const rows = chosen.probe!.replication;
  const appName = rows.find((r) => r.applicationName === expected)?.applicationName
    ?? (rows.length === 1 ? rows[0]!.applicationName : expected);
  const connected = await setSynchronousStandby(socketConnection(ctx, chosen.node), chosen.node, appName, on);
  const setting = on ? `synchronous_standby_names = '${appName}'` : 'synchronous_standby_names reset (async)';
  return {
    method: `ALTER SYSTEM on ${chosen.node} + pg_reload_conf()`,
    detail: connected ? `${setting}; pg_stat_replication shows ${appName} as ${on ? 'sync' : 'async'}`
      : `${setting}; ${appName} is not connected${on ? ', so commits on the primary will wait for it' : ''}`,
  };
}
