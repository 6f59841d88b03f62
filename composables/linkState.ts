// The replication link into a standby, in the words the deck uses everywhere (status bar, topology picture):
// streaming, paused (a frozen end), cut, delayed (the faults on this link: shared/link-faults.ts) or down.
import { faultsOn, type LinkFaultsView } from '../shared/link-faults';
import type { NodeName, NodeStatus } from '../shared/types';
import type { LinkState } from '../styles/palette';

/** Snapshots as the page's channel hands them out (read-only). */
interface StatusView {
  readonly link: LinkFaultsView;
  readonly nodes: readonly Readonly<NodeStatus>[];
}

export function linkState(status: StatusView, standby: Readonly<NodeStatus>,
  faults: { cut: boolean; latencyMs: number } = linkFaults(status, standby)): LinkState {
  const upstream = status.nodes.find((n) => n.name === standby.upstream);
  const ends = [standby, upstream].filter((n): n is Readonly<NodeStatus> => n !== undefined);
  if (faults.cut) return 'cut';
  if (ends.some((n) => n.state === 'frozen')) return 'paused';
  if (ends.some((n) => n.state === 'stopped') || standby.replicationState !== 'streaming') return 'down';
  return faults.latencyMs > 0 ? 'delayed' : 'streaming';
}

/** The faults on the link into this standby (none known without an upstream: only its whole-node ones). */
export function linkFaults(status: StatusView, standby: Readonly<NodeStatus>): { cut: boolean; latencyMs: number } {
  return standby.upstream
    ? faultsOn(status.link, standby.upstream, standby.name)
    : { cut: status.link.partitioned.includes(standby.name), latencyMs: status.link.latencyMs };
}

/** One replication link as the deck shows it: into each standby that has an upstream, in the order of `nodes`. */
export interface StreamLink {
  from: NodeName;
  to: NodeName;
  state: LinkState;
  label: string;
  /** the standby's lag behind its upstream */
  lagBytes: number | null;
}

export function streamLinks(status: StatusView, nodes: readonly Readonly<NodeStatus>[] = status.nodes): StreamLink[] {
  return nodes.filter((n) => n.role === 'standby' && n.upstream).map((n) => {
    const faults = linkFaults(status, n);
    const state = linkState(status, n, faults);
    return { from: n.upstream!, to: n.name, state, label: linkLabel(state, faults.latencyMs), lagBytes: n.lagBytes };
  });
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
