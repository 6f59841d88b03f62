// The two errors a presenter without a working Docker setup meets first: no engine, no image.
import { describe, expect, it } from 'vitest';
import { ComposeProject } from './compose-project';
import { connectEngine, requireEngine } from './engine';
import { DOCKER_TEST_ENV, containerStates, docker, dockerSkipReason } from './test-support';

describe('no engine reachable', () => {
  it.each([
    ['unix:///nonexistent/docker.sock', /unix:\/\/\/nonexistent\/docker\.sock \(ENOENT\)/],
    // a port of our range where nothing listens
    ['tcp://127.0.0.1:56199', /tcp:\/\/127\.0\.0\.1:56199 \(ECONNREFUSED\)/],
  ])('%s: one message naming what was tried and that embedded is the default', async (endpoint, tried) => {
    const failure = requireEngine(connectEngine(endpoint), 2_000);
    await expect(failure).rejects.toMatchObject({ code: 'TOOL_MISSING' });
    await expect(failure).rejects.toThrow(tried);
    await expect(failure).rejects.toThrow(/default backend, embedded, which needs no Docker/);
  });

  it('a DOCKER_HOST that is not an address is refused by name', () => {
    expect(() => connectEngine('not a url')).toThrow(/DOCKER_HOST "not a url"/);
  });
});

const skip = await dockerSkipReason();

describe.skipIf(skip !== null)(`image missing${skip ? ` (skipped: ${skip})` : ''}`, () => {
  it('up names npm run docker:image and PG_IMAGE, and creates nothing', async () => {
    const project = await ComposeProject.open({ env: { ...DOCKER_TEST_ENV, PG_IMAGE: 'pgdemo/no-such-image:0' } });
    await project.destroy();
    const failure = project.up();
    await expect(failure).rejects.toMatchObject({ code: 'TOOL_MISSING' });
    await expect(failure).rejects.toThrow(/pgdemo\/no-such-image:0 is not on the Docker engine at .*npm run docker:image.*PG_IMAGE/);
    expect(await containerStates(project)).toEqual(['missing', 'missing', 'missing']);
    expect((await docker('network', 'ls', '-q', '--filter', 'name=pgdemo-replication')).stdout).toBe('');
  });
});
