// The factory picks the backend in one place and explains itself when it cannot.
import { afterEach, describe, expect, it } from 'vitest';
import { createCluster } from './factory';
import { pairPorts } from './test-support';

const saved = process.env.PGDEMO_BACKEND;
afterEach(() => {
  if (saved === undefined) delete process.env.PGDEMO_BACKEND;
  else process.env.PGDEMO_BACKEND = saved;
});

describe('createCluster', () => {
  it('builds the embedded backend by default, in the given state folder', async () => {
    delete process.env.PGDEMO_BACKEND;
    const basePort = await pairPorts();
    const cluster = createCluster({ stateDir: '/tmp/pgdemo-factory-test', basePort });
    expect(cluster.backend).toBe('embedded');
    expect(cluster.stateDir).toBe('/tmp/pgdemo-factory-test');
    expect(cluster.connection('postgres-standby')).toMatchObject({ port: basePort + 1, user: 'postgres', database: 'postgres' });
  });

  it('builds the docker backend when asked, reaching nodes on 127.0.0.1 and each other by container name', async () => {
    const basePort = await pairPorts();
    const cluster = createCluster({ backend: 'docker', stateDir: '/tmp/pgdemo-factory-test-docker', basePort });
    expect(cluster.backend).toBe('docker');
    expect(cluster.connection('postgres-standby')).toMatchObject({ host: '127.0.0.1', port: basePort + 1, user: 'postgres' });
  });

  it('lists the valid backends for an unknown name (from PGDEMO_BACKEND too)', () => {
    process.env.PGDEMO_BACKEND = 'kubernetes';
    expect(() => createCluster()).toThrow(expect.objectContaining({
      code: 'BAD_REQUEST', detail: 'Valid backends: embedded, docker',
    }));
  });
});
