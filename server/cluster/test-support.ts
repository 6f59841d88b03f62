// Shared by the cluster tests: a throwaway cluster in a mkdtemp folder, questions to a node, process checks. (The
// SQL itself is the one the checks of `pgdemo rehearse` ask with, `sql` of ./sql/client; waiting is ./poll's pollUntil.)
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NodeName, NodeStatus } from '../../shared/types';
import type { Cluster } from './cluster';
import { createCluster, type CreateClusterOptions } from './factory';
import { sql } from './sql/client';
import { reservePorts } from '../system/port-reservation';
import { isPostgres, referenceTable } from '../system/proc';

// observed through the machine's own process source, whichever one the code under test uses
const { allProcesses, processesWhoseCommandMentions } = referenceTable;

export { sql };

export interface TestCluster {
  cluster: Cluster;
  stateDir: string;
  /** destroy (nothing of the pair is left: processes, data, containers) + remove the folder; safe to call twice */
  cleanup(): Promise<void>;
}

/**
 * How many ports a cluster takes: on the embedded backend, each of the three nodes a build reserves ports for (any
 * topology, docs/topologies.md), a server and the link relay in front of it.
 */
export const PAIR_PORTS = 6;

/** Ports for one pair that no other test, here or in another checkout, takes meanwhile. */
export function pairPorts(): Promise<number> {
  return reservePorts(PAIR_PORTS);
}

export async function testCluster(options: CreateClusterOptions = {}): Promise<TestCluster> {
  const stateDir = await mkdtemp(join(tmpdir(), 'pgdemo-cluster-test-'));
  const cluster = createCluster({ basePort: await pairPorts(), ...options, stateDir });
  return {
    cluster,
    stateDir,
    async cleanup() {
      await cluster.destroy().catch(() => undefined);
      await cluster.close();
      await rm(stateDir, { recursive: true, force: true });
    },
  };
}

export async function count(cluster: Cluster, node: NodeName, table: string): Promise<number> {
  const [row] = await sql<{ n: string }>(cluster, node, `SELECT count(*) AS n FROM ${table}`);
  return Number(row?.n);
}

/** Whether `table` exists on the node (the trace a run leaves, or a reset should have wiped). */
export async function tableExists(cluster: Cluster, node: NodeName, table: string): Promise<boolean> {
  const [row] = await sql<{ present: boolean }>(cluster, node, 'SELECT to_regclass($1) IS NOT NULL AS present', [table]);
  return row!.present;
}

export function nodeOf(nodes: NodeStatus[], name: NodeName): NodeStatus {
  const found = nodes.find((n) => n.name === name);
  if (!found) throw new Error(`no ${name} in status`);
  return found;
}

/** Live postgres processes whose command line mentions `text` (postmasters carry `-D <data folder>`). */
export async function postgresMentioning(text: string): Promise<number[]> {
  return (await processesWhoseCommandMentions(text)).filter(isPostgres).map((p) => p.pid);
}

/** Every live process (postgres or not) whose command line mentions `text`, as "pid command line". */
export async function commandLinesMentioning(text: string): Promise<string[]> {
  return (await processesWhoseCommandMentions(text)).map((p) => `${p.pid} ${p.command}`);
}

/** Live postgres processes that are `pids` or their children. */
export async function liveAmong(pids: number[]): Promise<number[]> {
  const set = new Set(pids);
  return (await allProcesses()).filter((p) => isPostgres(p) && (set.has(p.pid) || set.has(p.ppid)))
    .map((p) => p.pid);
}

/** The postmaster pid and its children, for checking later that they are gone. */
export async function serverTree(postmasters: number[]): Promise<number[]> {
  const set = new Set(postmasters);
  return (await allProcesses()).filter((p) => set.has(p.pid) || set.has(p.ppid)).map((p) => p.pid);
}
