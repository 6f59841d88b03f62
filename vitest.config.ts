import { defineConfig, type TestProjectInlineConfiguration } from 'vitest/config';

// Tests start real PostgreSQL servers: in each project, files run one after another (2 cores), with room for slow
// machines. With both backends (PGDEMO_TEST_BACKENDS=embedded,docker, as in CI) the docker files run as a second
// project BESIDE the embedded one: they wait mostly on the Docker engine, so the two streams share the cores well.
const backends = (process.env.PGDEMO_TEST_BACKENDS ?? 'embedded').split(',').map((b) => b.trim());
// the client's pure modules (palette contrast, code folding, link state) have unit tests beside them too
const ALL_FILES = ['shared/**/*.test.ts', 'server/**/*.test.ts', 'styles/**/*.test.ts', 'composables/**/*.test.ts'];
const DOCKER_FILES = ['server/cluster/docker/**/*.test.ts', 'server/cluster/contract/**/*.test.ts', 'server/rehearse/demos.test.ts',
  'server/rehearse/rpo.test.ts', 'server/runner/faults-during-a-demo.test.ts', 'server/cluster/state-folder-removed.test.ts',
  'server/drills/drills.test.ts'];

const shared = {
  fileParallelism: false,
  testTimeout: 120_000,
  hookTimeout: 120_000,
  teardownTimeout: 60_000,
};

const project = (name: string, include: string[], exclude: string[], env: Record<string, string>,
  globalSetup: string): TestProjectInlineConfiguration => ({
  test: { ...shared, name, include, exclude, env, globalSetup: [globalSetup] },
});

const splitByBackend = backends.includes('docker') && backends.includes('embedded');

export default defineConfig({
  test: {
    reporters: ['default'],
    projects: splitByBackend
      ? [
        project('embedded', ALL_FILES, ['server/cluster/docker/**'], { PGDEMO_TEST_BACKENDS: 'embedded' },
          'server/testing/no-orphans.global.ts'),
        project('docker', DOCKER_FILES, [], { PGDEMO_TEST_BACKENDS: 'docker' }, 'server/testing/no-docker-leftovers.global.ts'),
      ]
      : [project('server', ALL_FILES, [], {}, 'server/testing/no-orphans.global.ts')],
  },
});
