import { faultsOn, joins } from '../../shared/link-faults';
import type { ClusterStatus, NodeName, NodeStatus, OperationReport } from '../../shared/types';

const dash = (v: unknown) => (v === null || v === undefined ? '-' : String(v));

function nodeRow(n: NodeStatus): Record<string, string> {
  return {
    node: n.name,
    role: n.role,
    upstream: dash(n.upstream),
    state: n.state,
    port: String(n.port),
    timeline: dash(n.timeline),
    'current lsn': dash(n.currentLsn),
    'replay lsn': dash(n.replayLsn),
    'lag bytes': dash(n.lagBytes),
    replication: [n.replicationState, n.syncState].filter(Boolean).join('/') || '-',
    slot: n.slot ? `${n.slot.name} ${n.slot.active ? 'active' : 'inactive'} ${dash(n.slot.retainedBytes)} B` : '-',
    note: n.note ?? '',
  };
}

function table(rows: Record<string, string>[]): string {
  if (rows.length === 0) return '';
  const headers = Object.keys(rows[0]!);
  const widths = headers.map((h) => Math.max(h.length, ...rows.map((r) => r[h]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...rows.map((r) => line(headers.map((h) => r[h]!)))]
    .join('\n');
}

const describeFaults = ({ cut, latencyMs }: { cut: boolean; latencyMs: number }) =>
  [cut ? 'cut' : '', latencyMs ? `+${latencyMs} ms round trip` : ''].filter(Boolean).join(', ') || 'whole';

/**
 * Each replication link and what it is under (shared/link-faults.ts): the streams status shows, and any link with a
 * fault of its own. Nothing for a pair without per-link faults: its one link is the `link:` above.
 */
function linkLines(status: ClusterStatus): string[] {
  const streams = status.nodes.flatMap((n) => (n.upstream ? [[n.upstream, n.name] as [NodeName, NodeName]] : []));
  const streaming = (a: NodeName, b: NodeName) => streams.some((stream) => joins(stream, a, b));
  const own = (status.link.links ?? []).map((l) => l.between).filter(([a, b]) => !streaming(a, b));
  const links = [...streams, ...own];
  if (links.length < 2 && !status.link.links?.length) return [];
  return links.map(([upstream, standby]) => `  ${upstream} -> ${standby}: ${describeFaults(faultsOn(status.link, upstream, standby))}`);
}

export function formatStatus(status: ClusterStatus): string {
  const tools = status.tools
    ? `binaries: ${status.tools.source} ${status.tools.version} (${status.tools.binDir}); tools: ${
      Object.entries(status.tools.available).map(([k, v]) => `${k} ${v ? 'yes' : 'no'}`).join(', ')}${
      status.tools.substitutes.length ? `; shell snippets get the project's substitutes for: ${status.tools.substitutes.join(', ')}` : ''}`
    // no tools while the records say what is wrong (a version mismatch, a damaged record): that, not "not found"
    : status.problem ? 'binaries: not usable for this cluster (see PROBLEM above)' : 'binaries: not found';
  const link = status.link.partitioned.length || status.link.latencyMs
    ? `link: ${[status.link.partitioned.length ? `cut (${status.link.partitioned.join(', ')} partitioned)` : '',
      status.link.latencyMs ? `+${status.link.latencyMs} ms round trip` : ''].filter(Boolean).join(', ')}`
    : status.link.links?.length ? 'link: no whole-node fault; per link:' : 'link: whole';
  const shape = status.topology ? `; topology: ${status.topology}` : '';
  const perLink = linkLines(status);
  const lines = [table(status.nodes.map(nodeRow)), `backend: ${status.backend}${shape}; ${link}`, ...perLink, tools];
  if (status.problem) lines.unshift(`PROBLEM: ${status.problem}`);
  for (const warning of status.warnings ?? []) lines.push(`WARNING: ${warning}`);
  for (const note of status.notes ?? []) lines.push(`NOTE: ${note}`);
  return lines.join('\n');
}

export function formatReport(report: OperationReport): string {
  const what = `${report.action}${report.node ? ` ${report.node}` : ''}`;
  const parts = [report.ok ? `${what}: done in ${report.durationMs} ms` : `${what}: FAILED after ${report.durationMs} ms`];
  if (report.method) parts.push(`method: ${report.method}`);
  if (report.detail) parts.push(report.detail);
  return parts.join('\n');
}
