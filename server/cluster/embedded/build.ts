// The embedded backend's way of making a pair from nothing: folders, initdb, settings, roles, the standby's slot, and
// the standby a copy of the stopped primary. Both are left stopped; the lifecycle does the rest.
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readdir, stat, writeFile } from 'node:fs/promises';
import { DemoError } from '../../../shared/errors';
import { freePortRun } from '../../system/ports';
import { PAIR_NODES } from '../../../shared/topology';
import { type NodeName } from '../../../shared/types';
import { REPLICATION_PASSWORD, REPLICATION_USER, slotOf, SUPERUSER } from '../naming';
import { withClient } from '../sql/client';
import { ensureSlot, literal } from '../sql/replication';
import { socketConnection, type EmbeddedContext, type NodePorts } from './context';
import { startNode, stopNode } from './lifecycle';
import { writeServerConfig } from './node-config';
import { assertReachable, giveTo } from './os-user';
import { freshDataDir } from './initdb-template';
import { prepareSocketDir } from './socket-dir';
import { standbyFromStopped } from './standby-from-stopped';
import { TOPOLOGY_FILE } from '../lifecycle/topology-record';

/** Present (with the builder's pid) while a pair is being built, before cluster.json exists. */
export const BUILDING_FILE = 'building.json';

/** Entries we may find in a state folder that is ours (so handing it to the server user is safe). */
export const OUR_ENTRIES = new Set(['cluster.json', 'run', 'logs', 'nodes', 'golden', 'spare', 'trash', 'scratch', 'pgpass',
  'sidecar.json', 'link.json', 'link-applied.json', 'link-relay.json', BUILDING_FILE, TOPOLOGY_FILE]);

/**
 * Creates the folder layout. The state folder itself is handed to the server user only when it is empty or holds
 * nothing but our own entries (a mkdtemp folder is root's and 0700); never a shared folder like /tmp.
 */
export async function prepareFolders(ctx: EmbeddedContext): Promise<void> {
  const { layout, runAs } = ctx;
  await mkdir(layout.stateDir, { recursive: true });
  if (runAs) {
    const entries = await readdir(layout.stateDir);
    const owner = (await stat(layout.stateDir)).uid;
    if (owner === 0 && entries.every((e) => OUR_ENTRIES.has(e))) await giveTo(runAs, layout.stateDir);
  }
  assertReachable(runAs, layout.stateDir);
  for (const dir of [layout.logsDir, layout.nodesDir, layout.scratchDir]) {
    await mkdir(dir, { recursive: true });
    await giveTo(runAs, dir);
  }
  await prepareSocketDir(layout.socketDir, runAs);
  await mkdir(layout.goldenDir, { recursive: true });
  await mkdir(layout.trashDir, { recursive: true });
}

export interface PortPlan {
  ports: NodePorts;
  peerPorts: NodePorts;
}

/**
 * The first six free consecutive ports from `base` on: the pair's two servers, the link relay in front of each (as
 * before topologies), then postgres-standby2's server and relay — reserved by every build, so a reset can switch to
 * any topology (docs/topologies.md).
 */
export async function choosePorts(base: number): Promise<PortPlan> {
  const port = await freePortRun(base, 6);
  if (port !== null) {
    return {
      ports: { 'postgres-primary': port, 'postgres-standby': port + 1, 'postgres-standby2': port + 4 },
      peerPorts: { 'postgres-primary': port + 2, 'postgres-standby': port + 3, 'postgres-standby2': port + 5 },
    };
  }
  throw new DemoError('INVALID_STATE', `No six free ports between ${base} and ${base + 100} on 127.0.0.1.`,
    { detail: 'Set PGDEMO_PORT to another range.' });
}

async function writePgpass(ctx: EmbeddedContext, superuserPassword: string): Promise<void> {
  const file = ctx.layout.pgpass;
  await writeFile(file, [
    `127.0.0.1:*:*:${SUPERUSER}:${superuserPassword}`,
    `127.0.0.1:*:*:${REPLICATION_USER}:${REPLICATION_PASSWORD}`,
    `localhost:*:*:${REPLICATION_USER}:${REPLICATION_PASSWORD}`,
    '',
  ].join('\n'), { mode: 0o600 });
  await chmod(file, 0o600);
  await giveTo(ctx.runAs, file);
}

/** Makes both nodes, left stopped. Returns the methods used. */
export async function makePair(ctx: EmbeddedContext): Promise<string> {
  const [primary, standby] = PAIR_NODES;
  await prepareFolders(ctx);
  const dataDir = ctx.layout.dataDir(primary);
  const fresh = await freshDataDir(ctx.binaries, dataDir, SUPERUSER, ctx.runAs);
  ctx.checkpoint?.();
  await writeServerConfig(dataDir, ctx.layout.runDir);
  await startNode(ctx, primary);
  ctx.checkpoint?.();

  const superuserPassword = randomBytes(18).toString('base64url');
  await withClient(socketConnection(ctx, primary), primary, async (client) => {
    await client.query(`CREATE ROLE ${REPLICATION_USER} WITH LOGIN REPLICATION PASSWORD ${literal(REPLICATION_PASSWORD)}`);
    await client.query(`ALTER ROLE ${SUPERUSER} PASSWORD ${literal(superuserPassword)}`);
  });
  await writePgpass(ctx, superuserPassword);

  await ensureSlot(socketConnection(ctx, primary), primary, slotOf(standby));
  // cleanly stopped, the primary is the standby's base backup
  await stopNode(ctx, primary, 'fast');
  ctx.checkpoint?.();
  const method = await standbyFromStopped(ctx, primary, standby);
  return `${fresh === 'copied' ? 'initdb (a copy of its cached output)' : 'initdb'} + ${method}`;
}
