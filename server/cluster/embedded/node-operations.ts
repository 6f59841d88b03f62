// Process-level operations on one node: the `docker pause/unpause/kill/stop/start` equivalents.
import { DemoError } from '../../../shared/errors';
import type { NodeName } from '../../../shared/types';
import type { DriverOutcome } from '../driver';
import { portOf, type EmbeddedContext } from './context';
import { freezeNode, startNode, stopNode, thawNode } from './lifecycle';
import { findPostmaster } from './postmaster';


const HOW_STOPPED: Record<string, string> = {
  fast: 'fast shutdown (SIGINT, as pg_ctl -m fast)',
  immediate: 'immediate shutdown (SIGQUIT, as pg_ctl -m immediate)',
  killed: 'SIGKILL (the server did not react to the shutdown signals)',
};

export async function freeze(ctx: EmbeddedContext, node: NodeName): Promise<DriverOutcome> {
  const count = await freezeNode(ctx, node);
  if (count === 0) return { detail: `${node} was already frozen` };
  return { method: `SIGSTOP to the postmaster, then to each of its children (${count} processes)` };
}

export async function thaw(ctx: EmbeddedContext, node: NodeName): Promise<DriverOutcome> {
  const thawed = await thawNode(ctx, node);
  if (!thawed) return { detail: `${node} was not frozen` };
  return { method: 'SIGCONT to every child, then to the postmaster' };
}

export async function crash(ctx: EmbeddedContext, node: NodeName): Promise<DriverOutcome> {
  const frozen = (await findPostmaster(ctx.layout.dataDir(node))).state === 'frozen';
  const how = await stopNode(ctx, node, 'immediate');
  if (how === null) return { detail: `${node} was not running` };
  return { method: HOW_STOPPED[how], detail: frozen ? 'thawed first (a frozen process ignores the signal)' : undefined };
}

export async function stop(ctx: EmbeddedContext, node: NodeName): Promise<DriverOutcome> {
  const frozen = (await findPostmaster(ctx.layout.dataDir(node))).state === 'frozen';
  const how = await stopNode(ctx, node, 'fast');
  if (how === null) return { detail: `${node} was not running` };
  const notes = [frozen ? 'thawed first' : '', how !== 'fast' ? 'the fast shutdown did not finish in time' : '']
    .filter(Boolean);
  return { method: HOW_STOPPED[how], detail: notes.join('; ') || undefined };
}

export async function start(ctx: EmbeddedContext, node: NodeName): Promise<DriverOutcome> {
  const pm = await findPostmaster(ctx.layout.dataDir(node));
  if (pm.state === 'frozen') throw new DemoError('NODE_FROZEN', `${node} is frozen; thaw it instead of starting it.`);
  if (pm.state === 'running') return { detail: `${node} was already running` };
  await startNode(ctx, node);
  return { method: `postgres -D <data folder> with PGPORT=${portOf(ctx.ports, node)}` };
}
