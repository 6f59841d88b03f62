// The topology through the sidecar's HTTP surface (the page's channel and the CLI share its operations.ts): up/reset
// take one, a name outside the three is refused with the list, GET /api/cluster lists every node with its upstream,
// and an action on a node the topology lacks is refused before anything runs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiErrorBody, ClusterStatus, OperationResponse } from '../../shared/types';
import { testStack, type TestStack } from '../testing/test-stack';

describe('POST /api/cluster/:action with a topology (embedded)', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await testStack({ backend: 'embedded', snippets: new Map() });
  });

  afterAll(() => stack?.cleanup());

  it('refuses a topology outside the three, listing them, and changes nothing', async () => {
    const answer = await stack.api('/api/cluster/reset', { body: { topology: 'ring' } });
    expect(answer.status).toBe(400);
    const body = answer.json<ApiErrorBody>();
    expect(body.code).toBe('BAD_REQUEST');
    expect(body.detail).toMatch(/topology.*pair.*two-standbys.*cascade/);
    expect((await stack.api('/api/cluster')).json<ClusterStatus>().topology).toBe('pair');
    // down takes no topology: refused, not ignored
    expect((await stack.api('/api/cluster/down', { body: { topology: 'pair' } })).status).toBe(400);
  });

  it('resets to a cascade and lists every node with its upstream', async () => {
    const answer = await stack.api('/api/cluster/reset', { body: { topology: 'cascade' }, timeoutMs: 60_000 });
    expect(answer.status).toBe(200);
    expect(answer.json<OperationResponse>()).toMatchObject({ ok: true, status: { topology: 'cascade' } });
    const status = (await stack.api('/api/cluster')).json<ClusterStatus>();
    expect(status.nodes.map((n) => [n.name, n.role, n.upstream])).toEqual([
      ['postgres-primary', 'primary', null],
      ['postgres-standby', 'standby', 'postgres-primary'],
      ['postgres-standby2', 'standby', 'postgres-standby'],
    ]);
  });

  it('per link: refuses a pair of nodes that is not a link of the cascade (naming its links), half a link, a stranger; takes a link', async () => {
    const notALink = await stack.api('/api/cluster/partition', { body: { node: 'postgres-primary', peer: 'postgres-standby2' } });
    expect(notALink.status).toBe(400);
    expect(notALink.json<ApiErrorBody>()).toMatchObject({
      code: 'BAD_REQUEST', message: expect.stringMatching(/not a replication link of this cluster \(topology cascade\)/),
      detail: 'Its links: postgres-primary ↔ postgres-standby, postgres-standby ↔ postgres-standby2.',
    });
    const halfALink = await stack.api('/api/cluster/latency', { body: { ms: 100, node: 'postgres-standby' } });
    expect(halfALink.status).toBe(400);
    expect(halfALink.json<ApiErrorBody>().message).toMatch(/needs both "node" and "peer"/);
    expect((await stack.api('/api/cluster/heal', { body: { node: 'postgres-standby', peer: 'postgres-replica' } })).status).toBe(400);
    expect((await stack.api('/api/cluster/freeze', { body: { node: 'postgres-standby', peer: 'postgres-primary' } })).status).toBe(400);
    const slowed = await stack.api('/api/cluster/latency', { body: { ms: 100, node: 'postgres-standby2', peer: 'postgres-standby' } });
    expect(slowed.status).toBe(200);
    expect(slowed.json<OperationResponse>().status.link).toEqual({
      partitioned: [], latencyMs: 0, links: [{ between: ['postgres-standby', 'postgres-standby2'], cut: false, latencyMs: 100 }],
    });
    expect((await stack.api('/api/cluster')).json<ClusterStatus>().link.links).toHaveLength(1);
    const quorum = await stack.api('/api/cluster/sync', { body: { method: 'any', num: 1 } });
    expect(quorum.json<ApiErrorBody>()).toMatchObject({ code: 'BAD_REQUEST', message: expect.stringMatching(/"method".*"num" and "nodes" together/) });
  });

  it('back to the pair, refuses an action on postgres-standby2', async () => {
    expect((await stack.api('/api/cluster/reset', { body: { topology: 'pair' }, timeoutMs: 60_000 })).status).toBe(200);
    const answer = await stack.api('/api/cluster/freeze', { body: { node: 'postgres-standby2' } });
    expect(answer.status).toBe(400);
    expect(answer.json<ApiErrorBody>().message).toMatch(/postgres-standby2 is not a node of this cluster \(topology pair/);
    expect((await stack.api('/api/cluster')).json<ClusterStatus>().nodes).toHaveLength(2);
  });
});
