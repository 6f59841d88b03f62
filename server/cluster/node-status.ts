// Turns what a backend observed about each node (process state, a SQL probe when the node answered, facts read
// from its files otherwise) into the NodeStatus snapshot. A standby's replication values come from its upstream's
// view (pg_stat_replication, the slot), so a frozen or unreachable standby still shows its lag. Backend-neutral.
import { NODE_NAMES, type NodeName, type NodeRole, type NodeStatus, type ProcessState, type SlotStatus } from '../../shared/types';
import { conninfoTarget, streamingNameOf } from './naming';
import { lsnDiff } from './sql/lsn';
import type { NodeProbe } from './sql/node-probe';

export interface NodeObservation {
  name: NodeName;
  port: number;
  state: ProcessState;
  /** the SQL probe, when the node is running and answered */
  probe: NodeProbe | null;
  /** why there is no probe (connection refused, timed out, frozen …) */
  probeNote?: string;
  /** from the data folder, for when the node cannot be asked */
  files: {
    role: NodeRole;
    primaryConninfo: string | null;
    primarySlotName: string | null;
    timeline: number | null;
  };
}

/** `nodeOfConninfo`: which node of the pair a primary_conninfo points at (the backend knows its addresses). */
export function buildNodeStatuses(
  observations: NodeObservation[],
  nodeOfConninfo: (conninfo: string | null) => NodeName | null,
): NodeStatus[] {
  const byName = new Map(observations.map((o) => [o.name, o]));
  return observations.map((o) => buildOne(o, byName, nodeOfConninfo));
}

function buildOne(
  o: NodeObservation,
  byName: Map<NodeName, NodeObservation>,
  nodeOfConninfo: (conninfo: string | null) => NodeName | null,
): NodeStatus {
  const notes: string[] = [];
  if (o.probeNote) notes.push(o.probeNote);
  const role: NodeRole = o.probe ? (o.probe.inRecovery ? 'standby' : 'primary') : o.files.role;
  const timeline = o.probe?.timeline ?? o.files.timeline;
  if (!o.probe && o.files.timeline !== null) notes.push('timeline from pg_control (last checkpoint)');
  const base: NodeStatus = {
    name: o.name, role, state: o.state, port: o.port, timeline,
    currentLsn: null, replayLsn: null, lagBytes: null, replicationState: null, syncState: null,
    upstream: null, slot: null,
  };
  if (role === 'primary') {
    return withNote({ ...base, currentLsn: o.probe?.headLsn ?? null }, notes);
  }
  if (role !== 'standby') return withNote(base, notes);

  const conninfo = o.probe ? o.probe.primaryConninfo : o.files.primaryConninfo;
  const slotName = (o.probe ? o.probe.primarySlotName : o.files.primarySlotName) || null;
  const upstream = nodeOfConninfo(conninfo);
  const upstreamProbe = upstream && upstream !== o.name ? byName.get(upstream)?.probe ?? null : null;
  const appName = streamingNameOf(conninfo, o.name);
  const row = upstreamProbe?.replication.find((r) => r.applicationName === appName) ?? null;
  const slotRow = slotName ? upstreamProbe?.slots.find((s) => s.name === slotName) ?? null : null;

  const replayLsn = o.probe?.replayLsn ?? row?.replayLsn ?? null;
  let lagBytes: number | null = null;
  if (o.probe?.replayLsn && upstreamProbe?.headLsn) lagBytes = lsnDiff(upstreamProbe.headLsn, o.probe.replayLsn);
  else if (row?.lagBytes !== undefined && row.lagBytes !== null) lagBytes = row.lagBytes;
  else lagBytes = lsnDiff(upstreamProbe?.headLsn, replayLsn);
  // Bytes behind only mean something on one history: a standby that does not stream and sits on another timeline
  // than its upstream (a diverged old primary, say) would otherwise show a reassuring "0 bytes".
  const upstreamTimeline = upstreamProbe?.timeline ?? null;
  const otherHistory = !row && timeline !== null && upstreamTimeline !== null && timeline !== upstreamTimeline;
  if (otherHistory) lagBytes = null;

  if (!conninfo) notes.push('no primary_conninfo: it streams from nobody');
  else if (!upstream) {
    const target = conninfoTarget(conninfo);
    notes.push(`primary_conninfo points at ${target ? `${target.host}:${target.port}` : 'no host'}, not a node of this pair`);
  }
  else if (!upstreamProbe) notes.push(`its upstream ${upstream} cannot be asked`);
  else if (!row) notes.push(`not connected to ${upstream}`);
  if (otherHistory) notes.push(`on timeline ${timeline}, ${upstream} on timeline ${upstreamTimeline}: lag not comparable`);
  if (!o.probe && row) notes.push(`values from ${upstream}'s view`);
  if (slotName && upstreamProbe && !slotRow) notes.push(`slot ${slotName} does not exist on ${upstream}`);

  const slot: SlotStatus | null = slotRow
    ? { name: slotRow.name, active: slotRow.active, retainedBytes: slotRow.retainedBytes, walStatus: slotRow.walStatus }
    : null;
  return withNote({
    ...base,
    currentLsn: o.probe?.headLsn ?? row?.flushLsn ?? null,
    replayLsn,
    lagBytes,
    replicationState: row?.state ?? null,
    syncState: row?.syncState ?? null,
    upstream,
    slot,
  }, notes);
}

function withNote(status: NodeStatus, notes: string[]): NodeStatus {
  return notes.length ? { ...status, note: notes.join('; ') } : status;
}

export const sortByNodeName = <T extends { name: NodeName }>(items: T[]) =>
  [...items].sort((a, b) => NODE_NAMES.indexOf(a.name) - NODE_NAMES.indexOf(b.name));
