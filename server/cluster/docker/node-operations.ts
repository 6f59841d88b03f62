// Process-level operations on one node, Docker's own: pause/unpause freeze and thaw it, kill and stop end its
// container, start starts the container (or only the server inside a running one, as the lifecycle leaves it).
import { DemoError } from '../../../shared/errors';
import type { NodeName, ProcessState } from '../../../shared/types';
import type { DriverOutcome } from '../driver';
import { nodeOf, type DockerContext } from './context';
import type { LinkRelays } from './link-relays';

export async function processState(ctx: DockerContext, node: NodeName): Promise<{ state: ProcessState; note?: string }> {
  const container = nodeOf(ctx, node);
  const state = await container.state();
  if (state === 'missing') return { state: 'stopped', note: `container ${node} is missing` };
  if (state === 'paused') return { state: 'frozen' };
  if (state === 'stopped') return { state: 'stopped', note: 'container stopped' };
  return (await container.serverRunning()) ? { state: 'running' } : { state: 'stopped', note: 'container running, server stopped' };
}

export async function start(ctx: DockerContext, links: LinkRelays, node: NodeName): Promise<DriverOutcome> {
  const container = nodeOf(ctx, node);
  const state = await container.state();
  if (state === 'missing') throw new DemoError('INVALID_STATE', `The container ${node} is missing; \`reset\` or \`up\` builds the pair again.`);
  if (state === 'paused') throw new DemoError('NODE_FROZEN', `${node} is frozen; thaw it instead of starting it.`);
  if (state === 'running' && await container.serverRunning()) return { detail: `${node} was already running` };
  if (state === 'stopped') await ctx.engine.docker.getContainer(node).start();
  await container.verb('start');
  // a started container may have a new address: the filters for the peer follow it
  await links.reapply();
  return { method: state === 'stopped' ? 'docker start' : 'pg_ctl start inside the running container' };
}

export async function stop(ctx: DockerContext, node: NodeName, mode: 'fast' | 'immediate'): Promise<DriverOutcome> {
  const container = ctx.engine.docker.getContainer(node);
  const state = await nodeOf(ctx, node).state();
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

/** The server stopped, its container left up (for the lifecycle's own stops: a restart is then only the server's). */
export async function stopServer(ctx: DockerContext, node: NodeName): Promise<DriverOutcome> {
  const state = await nodeOf(ctx, node).state();
  if (state === 'missing' || state === 'stopped') return { detail: `${node} was not running` };
  if (state === 'paused') await ctx.engine.docker.getContainer(node).unpause();
  await nodeOf(ctx, node).verb('stop', ['fast']);
  return { method: 'pg_ctl stop -m fast inside the container, which stays up', detail: state === 'paused' ? 'thawed first' : undefined };
}

export async function freeze(ctx: DockerContext, node: NodeName): Promise<DriverOutcome> {
  const { state } = await processState(ctx, node);
  if (state === 'stopped') throw new DemoError('NODE_DOWN', `${node} is not running, so there is nothing to freeze.`);
  if (state === 'frozen') return { detail: `${node} was already frozen` };
  await ctx.engine.docker.getContainer(node).pause();
  return { method: 'docker pause (the cgroup freezer stops every process of the container)' };
}

export async function thaw(ctx: DockerContext, node: NodeName): Promise<DriverOutcome> {
  const { state } = await processState(ctx, node);
  if (state === 'stopped') throw new DemoError('NODE_DOWN', `${node} is not running, so there is nothing to thaw.`);
  if (state !== 'frozen') return { detail: `${node} was not frozen` };
  await ctx.engine.docker.getContainer(node).unpause();
  return { method: 'docker unpause' };
}
