// The node beyond the pair on docker (postgres-standby2, the compose file's profile three-nodes): its container is
// made on the first restore that wants it, and its data is the standby's golden copy (the same cleanly stopped
// primary), which its own golden folder is: the standby's golden volume, read-only.
import { DemoError } from '../../../shared/errors';
import type { NodeName } from '../../../shared/types';
import { nodeOf, projectOf, type DockerContext } from './context';
import type { DockerStateFile } from './docker-state';
import { HOLD_FILE } from './node-container';

export const THIRD = 'postgres-standby2' as const satisfies NodeName;

/** A state folder built before three-node topologies reserved no port for the third node: it cannot have one. */
export function requireThirdPort(state: DockerStateFile): void {
  if (state.ports[THIRD] !== undefined) return;
  throw new DemoError('INVALID_STATE', `This docker cluster was built before three-node topologies: it has no port for ${THIRD}.`,
    { detail: 'Run `pgdemo cluster destroy --backend docker`, then `up` (a build reserves a port for a third node).' });
}

/** The third node's data made the start state again, its server stopped. */
export async function restoreThird(ctx: DockerContext, state: DockerStateFile): Promise<void> {
  await holdThirdNode(ctx, state);
  await nodeOf(ctx, THIRD).restoreGolden();
}

/** postgres-standby2's container running held (made from the compose file's profile when missing), its server stopped. */
async function holdThirdNode(ctx: DockerContext, state: DockerStateFile): Promise<void> {
  const node = nodeOf(ctx, THIRD);
  if ((await node.state()) !== 'missing') {
    await node.runHeld(state);
    return;
  }
  const project = await projectOf(ctx, state);
  await project.startService(node.name, () => node.putFile(HOLD_FILE, '', { uid: state.uid, gid: state.gid, mode: 0o600 }));
  await node.verb('wait-ready', [], 65_000);
}
