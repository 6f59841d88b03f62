// The seed's environment as a user brings it up by hand: docker-compose (v1 here, v2 elsewhere) on our compose file.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_COMPOSE_FILE } from './compose-file';
import { ComposeProject } from './compose-project';
import { pollUntil } from '../poll';
import { DOCKER_TEST_ENV, cli, commandExists, containerStates, docker, dockerSkipReason, waitStreaming } from './test-support';

const skip = (await dockerSkipReason())
  ?? (await commandExists('docker-compose') ? null : 'docker-compose is not installed (apt-get install docker-compose)');

describe.skipIf(skip !== null)(`docker-compose up -d on compose/docker-compose.yml${skip ? ` (skipped: ${skip})` : ''}`, () => {
  const compose = (...args: string[]) => cli('docker-compose', ['-f', DEFAULT_COMPOSE_FILE, ...args], { timeoutMs: 120_000 });
  let project: ComposeProject;

  beforeAll(async () => {
    project = await ComposeProject.open({ env: DOCKER_TEST_ENV });
    await project.destroy(); // a pair left by an earlier run would hold the fixed container names
  });

  afterAll(async () => {
    await compose('--profile', 'three-nodes', 'down', '-v').catch(() => undefined);
    await project.destroy();
  });

  it('starts a streaming pair named as in the seed, published on 127.0.0.1 only', async () => {
    const started = Date.now();
    const up = await compose('up', '-d');
    expect(up.exitCode, up.stderr).toBe(0);
    await waitStreaming('postgres-primary', 'standby', 60_000);
    console.log(`docker-compose up -d returned after ${up.durationMs} ms; streaming after ${Date.now() - started} ms`);

    // seen streaming once; under load its first connection was seen to drop and come back within a second or two
    // (also before per-link faults; cause not found), so the row is looked for until it holds
    await pollUntil(async () => /standby\s+\|\s+streaming/.test((await docker('exec', 'postgres-primary', 'psql', '-U', 'postgres', '-c',
      'SELECT application_name, state FROM pg_stat_replication;')).stdout), { timeoutMs: 30_000, intervalMs: 200, what: 'standby streaming' });
    const ps = await docker('ps', '--format', '{{.Names}} {{.Ports}}');
    expect(ps.stdout).toContain(`postgres-primary 127.0.0.1:${DOCKER_TEST_ENV.PGDEMO_PORT}->5432/tcp`);
    expect(ps.stdout).toContain(`postgres-standby 127.0.0.1:${DOCKER_TEST_ENV.PGDEMO_STANDBY_PORT}->5432/tcp`);
    // the same objects the dockerode path creates, so either tool sees the other's pair; no third node without its profile
    expect(await containerStates(project)).toEqual(['running', 'running', 'missing']);
  });

  it('with the profile three-nodes, adds postgres-standby2 streaming from the primary through its own slot', async () => {
    const up = await compose('--profile', 'three-nodes', 'up', '-d');
    expect(up.exitCode, up.stderr).toBe(0);
    await waitStreaming('postgres-primary', 'standby2', 60_000);
    const activeSlots = async () => (await docker('exec', 'postgres-primary', 'psql', '-U', 'postgres', '-Atc',
      'SELECT slot_name FROM pg_replication_slots WHERE active ORDER BY 1;')).stdout.trim();
    await pollUntil(async () => (await activeSlots()) === 'standby2_slot\nstandby_slot', { timeoutMs: 30_000, intervalMs: 200, what: 'both slots active' })
      .catch(async () => expect(await activeSlots()).toBe('standby2_slot\nstandby_slot'));
    expect(await containerStates(project)).toEqual(['running', 'running', 'running']);
  });

  const nothingLeft = async () => {
    expect(await containerStates(project)).toEqual(['missing', 'missing', 'missing']);
    const volumes = await docker('volume', 'ls', '-q', '--filter', 'name=pgdemo-');
    expect(volumes.stdout.trim()).toBe('');
    const networks = await docker('network', 'ls', '-q', '--filter', 'name=pgdemo-replication');
    expect(networks.stdout.trim()).toBe('');
  };

  it('down -v leaves no container, volume or network behind', async () => {
    const down = await compose('--profile', 'three-nodes', 'down', '-v');
    expect(down.exitCode, down.stderr).toBe(0);
    await nothingLeft();
  });

  it('down -v also removes a pair made through dockerode (same names, Compose\'s labels)', async () => {
    await project.up();
    const down = await compose('down', '-v');
    expect(down.exitCode, down.stderr).toBe(0);
    await nothingLeft();
  });
});
