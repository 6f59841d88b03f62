// The network faults on docker: the link relay in each container (compose/node/link-relay.pl), through which the
// other nodes stream to its server. The faults are recorded in docker.json and written into every running relay,
// a line per peer address, so a container that starts again (with a new address) gets them again.
import { faultsOn, faultsReaching } from '../../../shared/link-faults';
import { NODE_NAMES, type LinkStatus } from '../../../shared/types';
import { NO_LINK_FAULTS } from '../link-faults';
import { pollUntil } from '../poll';
import { nodeOf, type DockerContext } from './context';

/** A copy of the faults, with no empty list of per-link ones (the shape docker.json and status hold). */
const copyOf = ({ partitioned, latencyMs, links }: LinkStatus): LinkStatus =>
  ({ partitioned: [...partitioned], latencyMs, ...(links?.length ? { links: [...links] } : {}) });

const flags = ({ cut, latencyMs }: { cut: boolean; latencyMs: number }) => [cut ? '1' : '0', String(latencyMs)];

export class LinkRelays {
  constructor(private readonly ctx: DockerContext) {}

  /** The faults in place: recorded, then put into every running relay. */
  async set(link: LinkStatus): Promise<void> {
    const recorded = await this.ctx.records.update((s) => ({ ...s, link: copyOf(link) }));
    await this.#apply(recorded.link);
  }

  async read(): Promise<LinkStatus> {
    const state = this.ctx.records.last ?? await this.ctx.records.read();
    return state ? copyOf(state.link) : NO_LINK_FAULTS;
  }

  /** After a container started again: its relay, and the others' lines for its address, get the faults back. */
  async reapply(): Promise<void> {
    const { link } = await this.ctx.records.recorded();
    if (link.partitioned.length || link.latencyMs || link.links?.length) await this.#apply(link);
  }

  /**
   * Puts the faults in place on every running node (a container that starts again begins with a whole link): each
   * node's relay gets its faults for any peer, then each other node's own by that node's address (shared/link-faults.ts).
   */
  async #apply(link: LinkStatus): Promise<void> {
    const nodes = await Promise.all(NODE_NAMES.map(async (node) => ({
      node, state: await nodeOf(this.ctx, node).state(), addresses: await nodeOf(this.ctx, node).addresses(),
    })));
    await Promise.all(nodes.filter((n) => n.state === 'running').map(async ({ node }) => {
      const args = [...flags(faultsReaching(link, node, NODE_NAMES)), ...nodes.filter((peer) => peer.node !== node)
        .flatMap((peer) => peer.addresses.flatMap((address) => [address, ...flags(faultsOn(link, peer.node, node))]))];
      // a container stopped meanwhile (a reset to the pair kills the third one beside this) starts with a whole link;
      // an exec into one being killed fails (exit 126) while Docker may still call it running for a moment
      await nodeOf(this.ctx, node).verb('link', args, 10_000).catch(async (err: unknown) => {
        const stopped = await pollUntil(async () => (await nodeOf(this.ctx, node).state()) !== 'running', { timeoutMs: 2_000, intervalMs: 50, what: `${node} to stop` })
          .catch(() => false);
        if (!stopped) throw err;
      });
    }));
  }
}
