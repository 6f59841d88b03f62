// A docker pair built before three-node topologies (its docker.json has no port for postgres-standby2): a reset to a
// three-node topology says so and what to do, and touches nothing — the pair keeps streaming.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { topologyNodes } from '../../../shared/topology';
import { testCluster, type TestCluster } from '../test-support';
import { dockerSkipReason } from './test-support';

const skip = await dockerSkipReason();

describe.skipIf(skip !== null)(`docker: a state folder from before topologies${skip ? ` (skipped: ${skip})` : ''}`, () => {
  let t: TestCluster;

  beforeAll(async () => {
    t = await testCluster({ backend: 'docker' });
    expect((await t.cluster.up()).ok).toBe(true);
  });

  afterAll(() => t?.cleanup());

  it('a reset to cascade is refused with the way out, and the pair goes on streaming', async () => {
    const file = join(t.stateDir, 'docker.json');
    const state = JSON.parse(await readFile(file, 'utf8')) as { ports: Record<string, number> };
    delete state.ports['postgres-standby2'];
    await writeFile(file, JSON.stringify(state), { mode: 0o600 });

    await expect(t.cluster.reset('cascade')).rejects.toMatchObject({
      code: 'INVALID_STATE', message: expect.stringMatching(/built before three-node topologies/),
      detail: expect.stringMatching(/destroy.*then `up`/),
    });
    const status = await t.cluster.status();
    expect(status.topology).toBe('pair');
    expect(status.nodes.map((n) => [n.name, n.state])).toEqual(topologyNodes('pair').map((n) => [n, 'running']));
    expect(status.nodes[1]).toMatchObject({ replicationState: 'streaming' });
  });
});
