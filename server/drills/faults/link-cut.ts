// The network between the nodes drops every packet (the cluster's relay, cut): nothing is refused, so PostgreSQL
// notices only when wal_sender_timeout / wal_receiver_timeout pass; then the standby is simply gone from the primary.
import { noReceiverStreaming, noStandbyConnected } from '../evidence-queries';
import type { Fault } from '../types';
import { PRIMARY, STANDBY } from '../workload';

export const linkCut: Fault = {
  name: 'link-cut',
  title: 'The network link between the nodes is cut',
  cause: 'The link between primary and standby drops every packet: the walsender gave up after wal_sender_timeout, '
    + 'the walreceiver after wal_receiver_timeout, and its reconnects hang; the primary no longer knows how far behind the standby is.',
  evidence: [
    noStandbyConnected('no row for the standby: it is not connected, so its lag is unknown'),
    noReceiverStreaming('no streaming receiver (the row is missing, or its status is not streaming)'),
    {
      kind: 'log', node: PRIMARY, title: "the primary's log",
      pattern: /terminating walsender process due to replication timeout/,
      shows: '"terminating walsender process due to replication timeout"',
    },
    {
      kind: 'log', node: STANDBY, title: "the standby's log",
      pattern: /terminating walreceiver due to timeout/,
      shows: '"terminating walreceiver due to timeout", then connection attempts that time out',
    },
  ],
  remedy: 'Restore the network between the nodes; the standby reconnects on its own and catches up from its slot.',
  hints: [
    'Both servers answer you; they do not talk to each other.',
    'Read both servers\' logs around the time the standby left pg_stat_replication.',
    'Timeouts on both sides, nothing refused: the network between them drops packets.',
  ],
  touches: ['network link', 'standby stream'],
  showsWithinMs: 20_000,
  available: () => null,

  async inject(ctx) {
    await ctx.cluster.partition(STANDBY);
  },

  async fix(ctx) {
    await ctx.cluster.heal(STANDBY);
  },
};
