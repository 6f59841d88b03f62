// The servers' socket folder: the state folder's run/ while a socket path there fits in 103 bytes (macOS's limit),
// else a short folder in /tmp — and a pair in a deep state folder comes up, its shell snippets reach it, status says
// where its sockets are, and destroy removes that folder too.
import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Cluster } from '../cluster';
import { runShell } from '../../runner/shell/run-shell';
import { createCluster } from '../factory';
import { pollUntil } from '../poll';
import { nodeOf, pairPorts, sql } from '../test-support';
import { prepareSocketDir, SOCKET_PATH_LIMIT, socketDirOf } from './socket-dir';

/** a state folder whose run/.s.PGSQL.65535 takes exactly `bytes` bytes */
const stateDirFor = (bytes: number) => `/${'x'.repeat(bytes - '/run/.s.PGSQL.65535'.length - 1)}`;

describe('choosing the socket folder', () => {
  it('keeps run/ up to 103 bytes of socket path, and moves to one short folder per state folder past it', () => {
    expect(socketDirOf(stateDirFor(SOCKET_PATH_LIMIT))).toEqual({ path: `${stateDirFor(SOCKET_PATH_LIMIT)}/run` });
    const moved = socketDirOf(stateDirFor(SOCKET_PATH_LIMIT + 1));
    expect(moved.path).toMatch(/^\/tmp\/pgdemo-[0-9a-f]{12}$/);
    expect(moved.moved).toBe(`the servers' unix sockets are in ${moved.path}: in the state folder a socket's path would be 104 bytes, more than the 103 a socket path may have`);
    expect(socketDirOf(stateDirFor(SOCKET_PATH_LIMIT + 1)).path).toBe(moved.path);
    expect(socketDirOf(stateDirFor(SOCKET_PATH_LIMIT + 2)).path).not.toBe(moved.path);
  });

  it('refuses a folder in its place that it did not make: a link, one open to others', async () => {
    const dir = socketDirOf(`/${'y'.repeat(120)}-${process.pid}`);
    await rm(dir.path, { recursive: true, force: true });
    try {
      await symlink('/tmp', dir.path);
      await expect(prepareSocketDir(dir, undefined)).rejects.toThrow(`${dir.path} exists but is not a socket folder this cluster made`);
      await rm(dir.path);
      await mkdir(dir.path, { mode: 0o777 });
      await chmod(dir.path, 0o777);
      await expect(prepareSocketDir(dir, undefined)).rejects.toThrow('is not a socket folder this cluster made');
      await chmod(dir.path, 0o700);
      await prepareSocketDir(dir, undefined); // ours: taken as it is
    } finally {
      await rm(dir.path, { recursive: true, force: true });
    }
  });
});

describe('a pair in a deep state folder', () => {
  let root: string;
  let cluster: Cluster;
  afterAll(async () => {
    await cluster?.destroy().catch(() => undefined);
    await cluster?.close();
    await rm(root, { recursive: true, force: true });
  });

  it('comes up with its sockets in /tmp, says so, runs snippets, and destroy removes the folder', async () => {
    root = await mkdtemp(join(tmpdir(), 'pgdemo-deep-'));
    await chmod(root, 0o755); // the server's OS user must get through to the state folder
    const stateDir = join(root, 'Users', 'ann', 'Documents', 'conference-talks-2026', 'postgresql-streaming-replication-live', '.cluster');
    await mkdir(join(stateDir, '..'), { recursive: true, mode: 0o755 });
    expect(Buffer.byteLength(join(stateDir, 'run', '.s.PGSQL.65535'))).toBeGreaterThan(107); // too long on Linux too
    cluster = createCluster({ backend: 'embedded', stateDir, basePort: await pairPorts() });
    expect((await cluster.up()).ok).toBe(true);

    const status = await cluster.status();
    const { path } = socketDirOf(stateDir);
    expect(status.notes).toContain(socketDirOf(stateDir).moved);
    expect(cluster.connection('postgres-primary').host).toBe(path);
    await pollUntil(async () => nodeOf((await cluster.status()).nodes, 'postgres-standby').replicationState === 'streaming',
      { timeoutMs: 10_000, what: 'postgres-standby to stream' });
    expect(await sql(cluster, 'postgres-primary', 'SELECT 1 AS one')).toEqual([{ one: 1 }]);

    // a shell snippet reaches the node through the moved socket (psql over PGHOST)
    const snippet = await runShell({ text: 'docker exec postgres-primary psql -U postgres -Atc "SHOW unix_socket_directories"', environment: cluster.shellEnvironment() });
    expect(snippet).toMatchObject({ exitCode: 0, stdout: `${path}\n` });

    await cluster.destroy();
    expect(existsSync(path)).toBe(false);
  });
});
