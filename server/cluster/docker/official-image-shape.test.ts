// "Any Debian-based image with PostgreSQL works": the official postgres image cannot be pulled here, so this builds
// an image shaped like it from the local one (its own entrypoint, VOLUME /var/lib/postgresql/data mode 1777,
// STOPSIGNAL SIGINT, postgres as uid 999, no golden folder) and runs the pair on it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execa } from 'execa';
import { ComposeProject } from './compose-project';
import { NodeContainer } from './node-container';
import { DOCKER_TEST_ENV, docker, dockerSkipReason, waitStreaming } from './test-support';

const SHAPED = 'pgdemo/official-image-shape:test';
const DOCKERFILE = `FROM ${DOCKER_TEST_ENV.PG_IMAGE}
RUN rm -rf /var/lib/postgresql/golden && chmod 1777 /var/lib/postgresql/data \\
 && usermod -u 999 postgres && groupmod -g 999 postgres \\
 && chown -R postgres:postgres /var/lib/postgresql /var/run/postgresql
VOLUME /var/lib/postgresql/data
STOPSIGNAL SIGINT
ENTRYPOINT ["docker-entrypoint.sh"]
CMD ["postgres"]
`;
const skip = await dockerSkipReason();

describe.skipIf(skip !== null)(`an image shaped like the official one${skip ? ` (skipped: ${skip})` : ''}`, () => {
  let project: ComposeProject;
  const node = (name: string) => new NodeContainer(project.engine.docker, name);

  beforeAll(async () => {
    const built = await execa('docker', ['build', '-q', '-t', SHAPED, '-'], { input: DOCKERFILE, reject: false });
    expect(built.exitCode, built.stderr).toBe(0);
    project = await ComposeProject.open({ env: { ...DOCKER_TEST_ENV, PG_IMAGE: SHAPED } });
    await project.destroy();
  });

  afterAll(async () => {
    await project?.destroy();
    await docker('rmi', SHAPED);
  });

  it('streams, with the data volume exactly on the image\'s VOLUME (no anonymous volume)', async () => {
    await project.up();
    await waitStreaming('postgres-primary', 'standby');
    const mounts = JSON.parse((await docker('inspect', '-f', '{{json .Mounts}}', 'postgres-primary')).stdout) as { Name: string }[];
    expect(mounts.map((m) => m.Name).sort()).toEqual(['pgdemo-primary-data', 'pgdemo-primary-golden']);
  });

  it('hands the golden volume (root-owned: the image has no such folder) to postgres, so save-golden works', async () => {
    expect((await docker('exec', 'postgres-primary', 'stat', '-c', '%U', '/var/lib/postgresql/golden')).stdout).toBe('postgres');
    await node('postgres-primary').verb('stop', ['fast']);
    await node('postgres-primary').verb('save-golden');
    await node('postgres-primary').verb('start');
  });

  it('the image\'s stop signal, SIGINT, is a fast shutdown and a clean exit too', async () => {
    expect((await docker('kill', '-s', 'INT', 'postgres-primary')).exitCode).toBe(0);
    await expect.poll(async () => (await docker('inspect', '-f', '{{.State.Status}} {{.State.ExitCode}}', 'postgres-primary')).stdout,
      { timeout: 30_000 }).toBe('exited 0');
    expect((await docker('logs', '--tail', '10', 'postgres-primary')).stdout).toMatch(/database system is shut down/);
  });
});
