// Throwaway PostgreSQL 15 servers for the runners' tests: independent of any cluster backend, one initdb per fixture
// (further servers are copies of that fresh data dir, which is much faster than another initdb).
import { spawn } from 'node:child_process';
import { chown, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { NodeConnection } from '../cluster/cluster';
import { childrenOf, commandLine, postgresPids } from '../system/proc';
import { reservePorts } from '../system/port-reservation';

export const PG15_BIN = process.env.PG15_BIN ?? '/usr/lib/postgresql/15/bin';
/** PostgreSQL refuses root: server processes run as this OS user. */
export const POSTGRES_USER = { uid: 101, gid: 104 };

export interface ScratchServer {
  dataDir: string;
  socketDir: string;
  logFile: string;
  port: number;
  connection: NodeConnection;
  /** `docker pause`: SIGSTOP the postmaster and every child */
  freeze(): Promise<void>;
  thaw(): Promise<void>;
  stop(): Promise<void>;
  start(): Promise<void>;
}

export interface ScratchServers {
  root: string;
  servers: ScratchServer[];
  /** stops every server (thawing frozen ones first) and deletes the folder */
  destroy(): Promise<void>;
}

function runAsPostgres(command: string, args: string[], env: Record<string, string> = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      ...POSTGRES_USER,
      env: { PATH: '/usr/bin:/bin', LANG: 'C.UTF-8', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code === 0) resolve(output);
      else reject(new Error(`${command} ${args.join(' ')} exited with ${code}:\n${output}`));
    });
  });
}

async function freePorts(count: number): Promise<number[]> {
  const first = await reservePorts(count);
  return Array.from({ length: count }, (_, i) => first + i);
}

function makeServer(root: string, name: string, port: number): ScratchServer {
  const dataDir = join(root, name);
  const socketDir = join(root, 'run');
  const logFile = join(root, `${name}.log`);
  const pgCtl = join(PG15_BIN, 'pg_ctl');
  let frozen = false;
  const postmasterPid = async () => Number((await readFile(join(dataDir, 'postmaster.pid'), 'utf8')).split('\n')[0]);
  return {
    dataDir, socketDir, logFile, port,
    connection: { host: socketDir, port, user: 'postgres', database: 'postgres' },
    async start() {
      await runAsPostgres(pgCtl, ['-D', dataDir, '-l', logFile, '-w', '-t', '30', 'start'], { PGPORT: String(port) });
    },
    async stop() {
      if (frozen) await this.thaw();
      await runAsPostgres(pgCtl, ['-D', dataDir, '-m', 'immediate', '-w', 'stop']).catch(() => undefined);
    },
    async freeze() {
      const pm = await postmasterPid();
      // stop the postmaster first so it cannot fork new children meanwhile
      process.kill(pm, 'SIGSTOP');
      for (const child of await childrenOf(pm)) process.kill(child, 'SIGSTOP');
      frozen = true;
    },
    async thaw() {
      const pm = await postmasterPid();
      for (const child of await childrenOf(pm)) process.kill(child, 'SIGCONT');
      process.kill(pm, 'SIGCONT');
      frozen = false;
    },
  };
}

/** Starts `count` (1–2) fresh servers with trust auth on unix sockets in a private /tmp folder. */
export async function startScratchServers(count = 1): Promise<ScratchServers> {
  const root = await mkdtemp(join(tmpdir(), 'pgdemo-run-test-'));
  await mkdir(join(root, 'run'));
  await chown(root, POSTGRES_USER.uid, POSTGRES_USER.gid);
  await chown(join(root, 'run'), POSTGRES_USER.uid, POSTGRES_USER.gid);
  const names = ['primary', 'standby'].slice(0, count);
  const ports = await freePorts(names.length);
  const servers = names.map((name, i) => makeServer(root, name, ports[i]!));
  const destroy = async () => {
    await Promise.all(servers.map((s) => s.stop()));
    await killLeftovers(root);
    await rm(root, { recursive: true, force: true });
  };
  try {
    const first = servers[0]!.dataDir;
    await runAsPostgres(join(PG15_BIN, 'initdb'), [
      '-D', first, '-U', 'postgres', '-E', 'UTF8', '--locale=C.UTF-8', '--auth=trust', '--no-sync',
    ]);
    await runAsPostgres('/bin/sh', ['-c', `cat >> "${first}/postgresql.conf" <<'CONF'
listen_addresses = '127.0.0.1'
unix_socket_directories = '${join(root, 'run')}'
fsync = off
shared_buffers = 16MB
max_connections = 20
max_wal_senders = 2
wal_level = replica
CONF`]);
    for (const server of servers.slice(1)) {
      await runAsPostgres('/bin/cp', ['-a', first, server.dataDir]);
    }
    // the port lives in the environment, not in the shared postgresql.conf
    await Promise.all(servers.map((s) => s.start()));
  } catch (err) {
    await destroy();
    throw err;
  }
  return { root, servers, destroy };
}

/** Belt and braces: any postgres process still running from this folder gets SIGKILL. */
async function killLeftovers(root: string): Promise<void> {
  for (let attempt = 0; attempt < 20; attempt++) {
    let found = false;
    for (const pid of await postgresPids()) {
      // only postmasters name the data dir; their children go with them
      if (!(await commandLine(pid)).includes(root)) continue;
      found = true;
      for (const target of [...(await childrenOf(pid)), pid]) {
        try {
          process.kill(target, 'SIGCONT');
          process.kill(target, 'SIGKILL');
        } catch {
          // already gone
        }
      }
    }
    if (!found) return;
    await sleep(50);
  }
}
