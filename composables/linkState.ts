// The replication link into a standby, in the words the deck uses everywhere (status bar, topology picture):
// streaming, paused (a frozen end), cut (status.link.partitioned), delayed (status.link.latencyMs) or down.
import type { ClusterStatus, NodeStatus } from '../shared/types';
import type { LinkState } from '../styles/palette';

/** Snapshots as the page's channel hands them out (read-only). */
interface StatusView {
  readonly link: Readonly<Pick<ClusterStatus['link'], 'latencyMs'>> & { readonly partitioned: readonly NodeStatus['name'][] };
  readonly nodes: readonly Readonly<NodeStatus>[];
}

export function linkState(status: StatusView, standby: Readonly<NodeStatus>): LinkState {
  const upstream = status.nodes.find((n) => n.name === standby.upstream);
  const ends = [standby, upstream].filter((n): n is Readonly<NodeStatus> => n !== undefined);
  if (ends.some((n) => status.link.partitioned.includes(n.name))) return 'cut';
  if (ends.some((n) => n.state === 'frozen')) return 'paused';
  if (ends.some((n) => n.state === 'stopped') || standby.replicationState !== 'streaming') return 'down';
  return status.link.latencyMs > 0 ? 'delayed' : 'streaming';
}

export function linkLabel(state: LinkState, latencyMs: number): string {
  return {
    streaming: 'streaming',
    paused: 'paused (frozen)',
    cut: 'link cut',
    delayed: `streaming, +${latencyMs} ms`,
    down: 'not streaming',
  }[state];
}
