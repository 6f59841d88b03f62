// compose/docker-compose.yml as the docker backend reads it: no engine needed.
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_COMPOSE_FILE, loadComposeFile, planCompose } from './compose-file';
import { interpolate } from './interpolate';

const env = { PG_IMAGE: 'pgdemo/postgres:15', PGDEMO_PORT: '54420' };

describe('the seed environment compose file', async () => {
  const plan = await loadComposeFile(DEFAULT_COMPOSE_FILE, env);
  const [primary, standby] = plan.services;

  it('has the seed\'s two nodes, primary first, then the third under a profile, on one network and named volumes', () => {
    expect(plan.services.map((s) => s.containerName)).toEqual(['postgres-primary', 'postgres-standby', 'postgres-standby2']);
    expect(plan.services.map((s) => s.profiles)).toEqual([[], [], ['three-nodes']]);
    expect(plan.network).toBe('pgdemo-replication');
    expect(plan.volumes).toEqual(['pgdemo-primary-data', 'pgdemo-primary-golden', 'pgdemo-standby-data', 'pgdemo-standby-golden',
      'pgdemo-standby2-data']);
    for (const s of plan.services) {
      expect(s.create.NetworkingConfig?.EndpointsConfig?.['pgdemo-replication']?.Aliases).toEqual([s.service]);
      expect(s.create.HostConfig?.NetworkMode).toBe('pgdemo-replication');
      // Compose's own labels, so `docker-compose down` finds a pair the backend made
      expect(s.create.Labels).toMatchObject({ 'com.docker.compose.project': 'compose', 'com.docker.compose.service': s.service });
    }
  });

  it('runs as postgres under Docker\'s init, with the data volume exactly at /var/lib/postgresql/data', () => {
    for (const s of [primary!, standby!]) {
      expect(s.create).toMatchObject({ Image: 'pgdemo/postgres:15', User: 'postgres', StopSignal: 'SIGTERM', StopTimeout: 30 });
      expect(s.create.HostConfig?.Init).toBe(true);
      expect(s.create.Entrypoint).toEqual(['bash', '/opt/pgdemo/entrypoint.sh']);
      expect(s.create.HostConfig?.Mounts?.find((m) => m.Target === '/var/lib/postgresql/data')?.Type).toBe('volume');
      expect(s.environment.PATH?.split(':')[0]).toBe('/opt/pgdemo/bin');
      expect(s.environment.PGDATA).toBe('/var/lib/postgresql/data');
    }
    expect(primary!.create.HostConfig?.Mounts?.map((m) => m.Source)).toEqual(['pgdemo-primary-data', 'pgdemo-primary-golden']);
  });

  it('turns the bind mount of compose/node into a copy, so a remote engine needs none of our files', () => {
    for (const s of [primary!, standby!]) {
      expect(s.copies).toEqual([{ hostDir: resolve(dirname(DEFAULT_COMPOSE_FILE), 'node'), containerPath: '/opt/pgdemo' }]);
      expect(s.create.HostConfig?.Mounts?.every((m) => m.Type === 'volume')).toBe(true);
      expect(s.create.HostConfig?.Binds).toBeUndefined();
    }
  });

  it('publishes on 127.0.0.1 only, from PGDEMO_PORT and PGDEMO_STANDBY_PORT (defaults 54320/54321)', async () => {
    expect(primary!.create.HostConfig?.PortBindings).toEqual({ '5432/tcp': [{ HostIp: '127.0.0.1', HostPort: '54420' }] });
    expect(standby!.create.HostConfig?.PortBindings).toEqual({ '5432/tcp': [{ HostIp: '127.0.0.1', HostPort: '54321' }] });
    const defaults = await loadComposeFile(DEFAULT_COMPOSE_FILE, {});
    expect(defaults.services.map((s) => s.image)).toEqual(['postgres:17', 'postgres:17', 'postgres:17']);
    expect(defaults.services[2]!.create.HostConfig?.PortBindings?.['5432/tcp']?.[0]?.HostPort).toBe('54322');
    expect(defaults.services[0]!.create.HostConfig?.PortBindings?.['5432/tcp']?.[0]?.HostPort).toBe('54320');
  });

  it('carries the seed\'s replication setup and a superuser password (default "postgres", else POSTGRES_PASSWORD)', async () => {
    expect(primary!.environment).toMatchObject({ PGDEMO_ROLE: 'primary', POSTGRES_PASSWORD: 'postgres',
      PGDEMO_REPLICATION_USER: 'replicator', PGDEMO_REPLICATION_PASSWORD: 'replicator_password', PGDEMO_STANDBY_SLOT: 'standby_slot' });
    expect(standby!.environment).toMatchObject({ PGDEMO_ROLE: 'standby', PGDEMO_UPSTREAM: 'postgres-primary',
      PGDEMO_APPLICATION_NAME: 'standby' });
    const secret = await loadComposeFile(DEFAULT_COMPOSE_FILE, { POSTGRES_PASSWORD: 'r4nd0m' });
    expect(secret.services[1]!.create.Env).toContain('POSTGRES_PASSWORD=r4nd0m');
  });

  it('has a healthcheck in the Engine\'s units, and the same check as an exec argv', () => {
    expect(primary!.create.Healthcheck).toEqual({ Test: ['CMD', 'pg_isready', '-q'], Interval: 2e9, Timeout: 5e9, StartPeriod: 120e9, Retries: 5 });
    expect(primary!.healthCommand).toEqual(['pg_isready', '-q']);
    expect(primary!.create.HostConfig?.ShmSize).toBe(256 * 1024 * 1024);
  });
});

describe('compose interpolation: the forms the file uses', () => {
  const vars = { SET: 'value', EMPTY: '' };
  it.each([
    ['${SET}', 'value'], ['${MISSING}', ''], ['$$SET', '$SET'],
    ['${SET:-d}', 'value'], ['${EMPTY:-d}', 'd'], ['${MISSING:-d}', 'd'], ['${MISSING:-}', ''],
    ['127.0.0.1:${PORT:-54320}:5432', '127.0.0.1:54320:5432'],
  ])('%s → %s', (text, expected) => {
    expect(interpolate(text, vars)).toBe(expected);
  });

  it.each(['$SET', '${EMPTY-d}', '${SET:+alt}', '${NEED:?give a password}', '${1BAD}', '${MISSING:-${SET}}', 'cost: 5$'])(
    'refuses the others rather than read them differently from Compose: %s', (text) => {
      expect(() => interpolate(text, vars)).toThrow(/write \$\{VAR\}, \$\{VAR:-default\} or \$\$/);
    });
});

describe('what the docker backend refuses in a compose file', async () => {
  const base = await readFile(DEFAULT_COMPOSE_FILE, 'utf8');
  const plan = (text: string) => planCompose(text, { file: DEFAULT_COMPOSE_FILE, env });

  it('a port published beyond loopback', () => {
    expect(() => plan(base.replace('"127.0.0.1:${PGDEMO_PORT:-54320}:5432"', '"${PGDEMO_PORT:-54320}:5432"')))
      .toThrow(/must publish on 127\.0\.0\.1 only/);
  });

  it('a key it would otherwise ignore', () => {
    expect(() => plan(base.replace('  shm_size: 256m', '  shm_size: 256m\n  privileged: true')))
      .toThrow(expect.objectContaining({ detail: expect.stringMatching(/privileged/) }));
  });

  it('a volume that is not declared, a second network, a dependency on a service written after it', () => {
    expect(() => plan(base.replace('- primary-golden:/var', '- nowhere:/var'))).toThrow(/"nowhere" is neither a path nor a volume/);
    expect(() => plan(base.replace('networks:\n  replication:', 'networks:\n  extra:\n  replication:')))
      .toThrow(/exactly one network/);
    expect(() => plan(base.replace('    container_name: postgres-primary',
      '    container_name: postgres-primary\n    depends_on:\n      postgres-standby:\n        condition: service_healthy')))
      .toThrow(/postgres-primary depends on postgres-standby, which must be a service written before it/);
  });

  it('a form of a value it does not read: a duration, a size, a list of environment variables, a shell healthcheck', () => {
    const detail = (text: string) => { try { plan(text); return ''; } catch (err) { return (err as { detail?: string }).detail ?? ''; } };
    expect(detail(base.replace('stop_grace_period: 30s', 'stop_grace_period: 1m30s'))).toMatch(/stop_grace_period: a duration/);
    expect(detail(base.replace('shm_size: 256m', 'shm_size: lots'))).toMatch(/shm_size: a size/);
    expect(detail(base.replace('      <<: *node-env\n      PGDEMO_ROLE: primary', '      - PGDEMO_ROLE=primary'))).toMatch(/environment/);
    expect(detail(base.replace('test: ["CMD", "pg_isready", "-q"]', 'test: pg_isready -q'))).toMatch(/healthcheck\.test/);
  });

  it('the third node: only under its profile, its own slot and application_name, the standby\'s golden copy read-only', async () => {
    const third = (await loadComposeFile(DEFAULT_COMPOSE_FILE, env)).services[2]!;
    expect(third.environment).toMatchObject({ PGDEMO_ROLE: 'standby', PGDEMO_UPSTREAM: 'postgres-primary',
      PGDEMO_APPLICATION_NAME: 'standby2', PGDEMO_STANDBY_SLOT: 'standby2_slot' });
    expect(third.create.HostConfig?.Mounts?.map((m) => [m.Source, m.Target, m.ReadOnly])).toEqual([
      ['pgdemo-standby2-data', '/var/lib/postgresql/data', false],
      ['pgdemo-standby-golden', '/var/lib/postgresql/golden', true],
    ]);
    // a read-only mount is not handed to postgres (chown on it would fail)
    expect(third.volumeTargets).toEqual(['/var/lib/postgresql/data']);
  });
});
