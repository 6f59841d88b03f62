// The status snapshot, assembled once for every backend: the driver says what each node's process is doing and what
// its files hold; a running node is asked with SQL under short deadlines. Never throws for a node's state.
import { messageOf } from '../../shared/errors';
import { DEFAULT_TOPOLOGY, topologyNodes, type TopologyName } from '../../shared/topology';
import type { ClusterStatus, NodeName, NodeStatus } from '../../shared/types';
import type { NodeConnection } from './cluster';
import type { ClusterDriver, PeerAddress } from './driver';
import { NO_LINK_FAULTS } from './link-faults';
import { nodeOfConninfo } from './naming';
import { recordedTopology } from './lifecycle/topology-record';
import { nodeFacts } from './node-files';
import { buildNodeStatuses, type NodeObservation } from './node-status';
import { probeNode } from './sql/node-probe';
import type { ProbeSessions } from './sql/probe-sessions';
import { processFactNotes } from '../system/proc';

const STATUS_LIMITS = { connectMs: 2_000, statementMs: 2_000 };

/**
 * How each node of the cluster is reached, as the sidecar and as the other nodes: read once per snapshot (one
 * reading of the ports).
 */
type Reach = Map<NodeName, { connection: NodeConnection; peer: PeerAddress }>;

function reachOf(driver: ClusterDriver, nodes: readonly NodeName[]): Reach {
  return new Map(nodes.map((node) => [node, { connection: driver.connection(node), peer: driver.peerAddress(node) }]));
}

async function observe(
  driver: ClusterDriver, node: NodeName, connection: NodeConnection, sessions?: ProbeSessions,
): Promise<NodeObservation> {
  const { state, note } = await driver.processState(node);
  const notes = note ? [note] : [];
  let probe = null;
  if (state === 'running') {
    try {
      probe = await probeNode(connection, node, STATUS_LIMITS, sessions);
    } catch (err) {
      notes.push(`not answering: ${(err as { detail?: string }).detail ?? messageOf(err)}`);
    }
  } else if (state === 'frozen') {
    notes.push('frozen: not asked');
  }
  const files = probe
    ? { role: 'unknown' as const, primaryConninfo: null, primarySlotName: null, timeline: null }
    : await nodeFacts(driver, node);
  if (!probe && files.role === 'unknown') notes.push('no data folder');
  return { name: node, port: connection.port, state, probe, probeNote: notes.join('; ') || undefined, files };
}

/**
 * Which node a primary_conninfo points at: each node by the address the other one uses, the sidecar's, or the
 * seed's own spelling (`host=postgres-standby port=5432`, which the seed's commands write).
 */
function conninfoResolver(reach: Reach): (conninfo: string | null) => NodeName | null {
  const addresses = [...reach].flatMap(([n, { connection: { host, port }, peer }]) =>
    [[n, peer], [n, { host, port }], [n, { host: n, port: 5432 }]] as [NodeName, PeerAddress][]);
  return (conninfo) => nodeOfConninfo(conninfo, addresses);
}

/** Which node a primary_conninfo points at, for the lifecycle (status reads the ports once per snapshot instead). */
export function nodeOfConninfoFor(driver: ClusterDriver, nodes: readonly NodeName[]): (conninfo: string | null) => NodeName | null {
  return conninfoResolver(reachOf(driver, nodes));
}

/** The node's port, or 0 when not even that can be known (its record cannot be read). */
function portOf(driver: ClusterDriver, node: NodeName): number {
  try {
    return driver.connection(node).port;
  } catch {
    return 0;
  }
}

function emptyNodes(driver: ClusterDriver, nodes: readonly NodeName[], note: string): NodeStatus[] {
  return nodes.map((name) => ({
    name, role: 'unknown', state: 'stopped', port: portOf(driver, name), timeline: null, currentLsn: null,
    replayLsn: null, lagBytes: null, replicationState: null, syncState: null, upstream: null, slot: null, note,
  }));
}

/** What status says of this machine: where process facts come from and what they miss, and the backend's own notes. */
async function notesOf(driver: ClusterDriver): Promise<{ notes?: string[] }> {
  const notes = [...await processFactNotes(), ...driver.notes?.() ?? []];
  return notes.length ? { notes } : {};
}

/** `sessions`: the cluster's kept probe sessions (one per node); without, each probe opens a connection of its own. */
export async function readStatus(driver: ClusterDriver, sessions?: ProbeSessions): Promise<ClusterStatus> {
  const at = new Date().toISOString();
  const base = { backend: driver.kind, at, tools: driver.tools(), ...await notesOf(driver) };
  let built: Awaited<ReturnType<ClusterDriver['built']>>;
  let topology: TopologyName = DEFAULT_TOPOLOGY;
  try {
    topology = recordedTopology(driver.stateDir);
    built = await driver.built();
  } catch (err) {
    const problem = `${messageOf(err)}${(err as { detail?: string }).detail ? ` ${(err as { detail: string }).detail}` : ''}`;
    return { ...base, topology, up: false, nodes: emptyNodes(driver, topologyNodes(topology), problem), link: NO_LINK_FAULTS, problem };
  }
  const members = topologyNodes(topology);
  if (built === 'nothing') {
    return { ...base, topology, up: false, nodes: emptyNodes(driver, members, 'not built yet: run `up`'), link: NO_LINK_FAULTS };
  }
  const reach = reachOf(driver, members);
  const [observations, link] = await Promise.all([
    Promise.all(members.map((n) => observe(driver, n, reach.get(n)!.connection, sessions))),
    driver.link(),
  ]);
  const nodes = buildNodeStatuses(observations, conninfoResolver(reach));
  const warnings = driver.warnings?.() ?? [];
  return { ...base, topology, up: nodes.some((n) => n.state !== 'stopped'), nodes, link, ...(warnings.length ? { warnings } : {}) };
}
