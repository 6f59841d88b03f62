// As root, the servers run as the `postgres` OS user, which must be able to reach the state folder.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isRoot } from './os-user';
import { createCluster } from '../factory';
import { pairPorts, testCluster } from '../test-support';

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

  it('gets a fresh shell HOME at each build: what an earlier cluster left there (root\'s, unwritable to it) is gone', async () => {
    // a docker rehearse in the same state folder leaves root's files in the shell's HOME: an embedded run's
    // `… > ~/at-standby` then failed, and the block read the earlier run's figures (Demo 8, step 3)
    const t = await testCluster();
    try {
      const scratch = join(t.stateDir, 'scratch');
      await mkdir(scratch, { recursive: true });
      await writeFile(join(scratch, 'at-standby'), '1765000000.5\n', { mode: 0o644 });
      await t.cluster.up();
      const home = t.cluster.shellEnvironment().env.HOME!;
      expect(home).toBe(scratch);
      expect(await readdir(home)).toEqual([]);
      expect((await stat(home)).uid).toBe(t.cluster.shellEnvironment().runAs!.uid);
    } finally {
      await t.cleanup();
    }
  });

  it('is named in the shell environment, so the shell demos run as it too', () => {
    const cluster = createCluster({ stateDir: '/tmp/pgdemo-os-user-test' });
    const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
    expect(cluster.shellEnvironment().runAs).toEqual({ uid: id('-u'), gid: id('-g') });
  });
});
