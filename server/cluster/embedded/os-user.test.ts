// As root, the servers run as the `postgres` OS user, which must be able to reach the state folder.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { isRoot } from './os-user';
import { createCluster } from '../factory';
import { pairPorts } from '../test-support';

describe.skipIf(!isRoot())('the server OS user', () => {
  it('fails clearly when it cannot reach the state folder (here under /root, mode 0700)', async () => {
    const stateDir = `/root/pgdemo-unreachable-${randomBytes(4).toString('hex')}`;
    const cluster = createCluster({ stateDir, basePort: await pairPorts() });
    try {
      await expect(cluster.up()).rejects.toMatchObject({
        code: 'INVALID_STATE',
        message: expect.stringContaining('cannot reach'),
        detail: expect.stringContaining('PGDEMO_CLUSTER_DIR'),
      });
    } finally {
      await cluster.close();
      await rm(stateDir, { recursive: true, force: true });
    }
  });

  it('is named in the shell environment, so the shell demos run as it too', () => {
    const cluster = createCluster({ stateDir: '/tmp/pgdemo-os-user-test' });
    const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
    expect(cluster.shellEnvironment().runAs).toEqual({ uid: id('-u'), gid: id('-g') });
  });
});
