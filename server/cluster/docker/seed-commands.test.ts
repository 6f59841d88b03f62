// The pair made through dockerode (compose-project.ts), then driven with the seed's own commands through the REAL
// docker CLI: what a presenter types must work on these containers exactly as written.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ComposeProject } from './compose-project';
import { NodeContainer } from './node-container';
import { connectEngine } from './engine';
import { execIn } from './exec';
import { DOCKER_TEST_ENV, cli, docker, dockerSkipReason, seedShell, waitStreaming } from './test-support';

const TCP_ENDPOINT = 'tcp://127.0.0.1:2375';
const skip = await dockerSkipReason();
const tcpSkip = skip ?? await dockerSkipReason(connectEngine(TCP_ENDPOINT));
const PRIMARY = 'postgres-primary';
const STANDBY = 'postgres-standby';
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

describe.skipIf(skip !== null)(`the seed's commands on a pair made through dockerode${skip ? ` (skipped: ${skip})` : ''}`, () => {
  let project: ComposeProject;
  const node = (name: string) => new NodeContainer(project.engine.docker, name);
  const sql = (node: string, text: string) => docker('exec', node, 'psql', '-U', 'postgres', '-Atc', text);

  beforeAll(async () => {
    project = await ComposeProject.open({ env: DOCKER_TEST_ENV });
    await project.destroy(); // a pair left by an earlier run would hold the fixed container names
  });

  afterAll(async () => {
    await project.destroy();
  });

  it('comes up from nothing to streaming, with the node scripts copied in rather than bind-mounted', async () => {
    const report = await project.up();
    console.log(`dockerode up from nothing to streaming: ${report.durationMs} ms`);
    expect(report.created).toEqual([PRIMARY, STANDBY]);
    const mounts = JSON.parse((await docker('inspect', '-f', '{{json .Mounts}}', PRIMARY)).stdout) as { Type: string }[];
    expect(mounts.map((m) => m.Type)).toEqual(['volume', 'volume']);
    expect((await docker('exec', PRIMARY, 'id', '-un')).stdout).toBe('postgres');
    expect((await docker('exec', PRIMARY, 'cat', '/proc/1/comm')).stdout).toMatch(/init/);
    const logs = await docker('logs', PRIMARY);
    expect(logs.stdout + logs.stderr).toMatch(/ready to accept connections/);
  });

  it('seed: pg_stat_replication on the primary shows the standby streaming', async () => {
    const result = await seedShell(`docker exec postgres-primary psql -U postgres -c "
SELECT application_name, state FROM pg_stat_replication;
"`);
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/standby\s+\|\s+streaming/);
  });

  it('seed: docker pause / unpause postgres-standby', async () => {
    expect((await seedShell('docker pause postgres-standby')).exitCode).toBe(0);
    expect((await docker('inspect', '-f', '{{.State.Status}}', STANDBY)).stdout).toBe('paused');
    expect((await sql(STANDBY, 'SELECT 1')).stderr).toMatch(/is paused/);
    expect((await seedShell('docker unpause postgres-standby')).exitCode).toBe(0);
    await waitStreaming(PRIMARY, 'standby');
  });

  it('exec latency: dockerode and the docker CLI, psql -c "SELECT 1"', async () => {
    const viaApi: number[] = [];
    const viaCli: number[] = [];
    for (let i = 0; i < 10; i++) {
      const api = await execIn(project.engine.docker, PRIMARY, ['psql', '-U', 'postgres', '-Atc', 'SELECT 1']);
      expect(api.stdout).toBe('1\n');
      viaApi.push(api.durationMs);
      const viaDocker = await sql(PRIMARY, 'SELECT 1');
      expect(viaDocker.stdout).toBe('1');
      viaCli.push(viaDocker.durationMs);
    }
    console.log(`exec latency, median of 10: dockerode ${median(viaApi)} ms, docker CLI ${median(viaCli)} ms`);
  });

  it('save-golden refuses a running server, then keeps a cleanly stopped pair', async () => {
    await expect(node(PRIMARY).verb('save-golden')).rejects.toMatchObject({ detail: expect.stringMatching(/server is running/) });
    const started = Date.now();
    // primary first: its shutdown checkpoint reaches the standby, so both copies end at the same point
    await node(PRIMARY).verb('stop', ['fast']);
    await node(STANDBY).verb('stop', ['fast']);
    await Promise.all([PRIMARY, STANDBY].map((n) => node(n).verb('save-golden')));
    await node(PRIMARY).verb('start');
    await node(STANDBY).verb('start');
    await waitStreaming(PRIMARY, 'standby');
    console.log(`save-golden (stop, copy, start, streaming): ${Date.now() - started} ms`);
    expect((await docker('exec', PRIMARY, 'ls', '/var/lib/postgresql/golden')).stdout).toMatch(/PG_VERSION/);
  });

  it('seed: pg_ctl promote on the standby makes it read-write', async () => {
    const result = await seedShell('docker exec postgres-standby pg_ctl promote -D /var/lib/postgresql/data');
    expect(result.exitCode, result.stderr).toBe(0);
    expect((await sql(STANDBY, 'SELECT pg_is_in_recovery()')).stdout).toBe('f');
    // the old primary takes a write the new one never sees: the split brain of Demo 5
    expect((await sql(PRIMARY, 'CREATE TABLE diverged AS SELECT 1 AS x')).exitCode).toBe(0);
  });

  it('seed: pg_ctl stop on the old primary stops the server, not the container', async () => {
    const result = await seedShell('docker exec postgres-primary pg_ctl stop -D /var/lib/postgresql/data -m fast');
    expect(result.exitCode, result.stderr).toBe(0);
    expect((await docker('inspect', '-f', '{{.State.Running}}', PRIMARY)).stdout).toBe('true');
    expect((await node(PRIMARY).verb('server-state')).stdout).toBe('stopped\n');
  });

  it('seed: pg_rewind from the new primary, as written', async () => {
    const result = await seedShell(`docker exec postgres-primary bash -c "
pg_rewind \\\\
    --target-pgdata=/var/lib/postgresql/data \\\\
    --source-server='host=postgres-standby port=5432 user=postgres dbname=postgres' \\\\
    --progress
"`);
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stderr + result.stdout).toMatch(/servers diverged at WAL location[\s\S]*Done!/);
  });

  it('seed: pg_ctl start returns, and the rewound node follows the new primary', async () => {
    await sql(STANDBY, "SELECT pg_create_physical_replication_slot('primary_slot')");
    // as the seed's Demo 5 makes it a standby: standby.signal, and its settings appended to postgresql.auto.conf
    const configured = await seedShell(`docker exec postgres-primary bash -c "
touch /var/lib/postgresql/data/standby.signal
echo \\"primary_conninfo = 'host=postgres-standby port=5432 user=replicator password=replicator_password application_name=primary'\\" >> /var/lib/postgresql/data/postgresql.auto.conf
echo \\"primary_slot_name = 'primary_slot'\\" >> /var/lib/postgresql/data/postgresql.auto.conf
"`);
    expect(configured.exitCode, configured.stderr).toBe(0);
    const result = await cli('bash', ['-c', 'docker exec postgres-primary pg_ctl start -D /var/lib/postgresql/data'], { timeoutMs: 30_000 });
    expect(result.exitCode, result.stderr).toBe(0);
    await waitStreaming(STANDBY, 'primary');
    expect((await sql(PRIMARY, 'SELECT pg_is_in_recovery()')).stdout).toBe('t');
  });

  it('seed: docker stop shuts the server down fast and ends the container; docker exec then says so', async () => {
    const stop = await seedShell('docker stop postgres-primary');
    expect(stop.exitCode, stop.stderr).toBe(0);
    console.log(`docker stop postgres-primary: ${stop.durationMs} ms`);
    expect((await docker('inspect', '-f', '{{.State.Status}} {{.State.ExitCode}}', PRIMARY)).stdout).toBe('exited 0');
    const logs = await docker('logs', '--tail', '20', PRIMARY);
    expect(logs.stdout + logs.stderr).toMatch(/received fast shutdown request/);
    const exec = await seedShell('docker exec postgres-primary psql -U postgres -c "SELECT 1;" 2>&1 | head -5');
    expect(exec.stdout).toMatch(/Error response from daemon: Container [0-9a-f]+ is not running/);
  });

  it('clone-from rebuilds a node from another, and a failed clone loses nothing', async () => {
    expect((await docker('start', PRIMARY)).exitCode).toBe(0);
    await waitStreaming(STANDBY, 'primary');
    await node(PRIMARY).verb('stop', ['fast']);
    await expect(node(PRIMARY).verb('clone-from', ['no-such-host', 'primary_slot', 'primary']))
      .rejects.toMatchObject({ detail: expect.stringMatching(/data directory is unchanged/) });
    expect((await docker('exec', PRIMARY, 'ls', '/var/lib/postgresql/data')).stdout).toMatch(/PG_VERSION/);
    await node(PRIMARY).verb('clone-from', ['postgres-standby', 'primary_slot', 'primary']);
    await node(PRIMARY).verb('start');
    await waitStreaming(STANDBY, 'primary');
    expect((await sql(PRIMARY, "SELECT count(*) FROM pg_class WHERE relname = 'diverged'")).stdout).toBe('0');
  });

  it('restore-golden brings back the streaming pair of the start, fast', async () => {
    const started = Date.now();
    await Promise.all([PRIMARY, STANDBY].map((n) => node(n).verb('stop', ['immediate'])));
    await Promise.all([PRIMARY, STANDBY].map((n) => node(n).verb('restore-golden')));
    await node(PRIMARY).verb('start');
    await node(STANDBY).verb('start');
    await waitStreaming(PRIMARY, 'standby');
    console.log(`restore-golden reset (stop both, restore both, start both, streaming): ${Date.now() - started} ms`);
    expect((await sql(STANDBY, 'SELECT pg_is_in_recovery()')).stdout).toBe('t');
    expect((await sql(PRIMARY, 'SELECT pg_is_in_recovery(), timeline_id FROM pg_control_checkpoint()')).stdout).toBe('f|1');
  });

  it.skipIf(tcpSkip !== null)(`the same objects through a second endpoint, ${TCP_ENDPOINT}${tcpSkip ? ` (skipped: ${tcpSkip})` : ''}`, async () => {
    const remote = await ComposeProject.open({ env: DOCKER_TEST_ENV, engine: connectEngine(TCP_ENDPOINT) });
    const id = async (p: ComposeProject) => (await p.engine.docker.getContainer(PRIMARY).inspect()).Id;
    expect(await id(remote)).toBe(await id(project));

    // as on a remote engine: everything made over TCP, the scripts copied through the API
    await remote.destroy();
    const report = await remote.up();
    console.log(`dockerode up over ${TCP_ENDPOINT}: ${report.durationMs} ms`);
    const viaTcp = await cli('docker', ['-H', TCP_ENDPOINT, 'exec', PRIMARY, 'psql', '-U', 'postgres', '-Atc',
      'SELECT application_name, state FROM pg_stat_replication']);
    expect(viaTcp.stdout).toBe('standby|streaming');
    expect((await docker('exec', STANDBY, 'ls', '/opt/pgdemo/bin')).stdout).toMatch(/pgdemo-node/);
  });
});
