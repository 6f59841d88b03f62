// Shared by the cluster tests: a throwaway cluster in a mkdtemp folder, SQL against a node, process checks.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { NodeName, NodeStatus } from '../../shared/types';
import type { Cluster } from './cluster';
import { createCluster, type CreateClusterOptions } from './factory';
import { reservePorts } from '../system/port-reservation';
import { isPostgres, referenceTable } from '../system/proc';

// observed through the machine's own process source, whichever one the code under test uses
const { allProcesses, processesWhoseCommandMentions } = referenceTable;

export interface TestCluster {
  cluster: Cluster;
  stateDir: string;
  /** destroy (nothing of the pair is left: processes, data, containers) + remove the folder; safe to call twice */
  cleanup(): Promise<void>;
}

/** How many ports a pair takes: two servers and, on the embedded backend, a link relay in front of each. */
export const PAIR_PORTS = 4;

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

/** Runs SQL on a node with a fresh connection (3 s connect timeout); returns the rows. */
export async function sql<R extends Record<string, unknown> = Record<string, unknown>>(
  cluster: Cluster,
  node: NodeName,
  text: string,
): Promise<R[]> {
  const client = new pg.Client({ ...cluster.connection(node), connectionTimeoutMillis: 3_000, query_timeout: 60_000 });
  client.on('error', () => undefined); // a server stopped by the test must not crash the worker
  await client.connect();
  try {
    return (await client.query<R>(text)).rows;
  } finally {
    await client.end();
  }
}

export async function count(cluster: Cluster, node: NodeName, table: string): Promise<number> {
  const [row] = await sql<{ n: string }>(cluster, node, `SELECT count(*) AS n FROM ${table}`);
  return Number(row?.n);
}

export function nodeOf(nodes: NodeStatus[], name: NodeName): NodeStatus {
  const found = nodes.find((n) => n.name === name);
  if (!found) throw new Error(`no ${name} in status`);
  return found;
}

/** Polls until `check` is truthy (every 50 ms, up to `timeoutMs`), else throws with the last value. */
export async function eventually<T>(check: () => Promise<T>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      last = await check();
      if (last) return last as T;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms; last: ${String(last)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
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
