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

  it('back to the pair, refuses an action on postgres-standby2', async () => {
    expect((await stack.api('/api/cluster/reset', { body: { topology: 'pair' }, timeoutMs: 60_000 })).status).toBe(200);
    const answer = await stack.api('/api/cluster/freeze', { body: { node: 'postgres-standby2' } });
    expect(answer.status).toBe(400);
    expect(answer.json<ApiErrorBody>().message).toMatch(/postgres-standby2 is not a node of this cluster \(topology pair/);
    expect((await stack.api('/api/cluster')).json<ClusterStatus>().nodes).toHaveLength(2);
  });
});
