// vitest globalSetup of the docker project: fails the run if the tests leave a container, volume or network of the
// seed's pair on the engine (each test file destroys what it made).
import Docker from 'dockerode';

const enabled = process.env.PGDEMO_CHECK_ORPHANS === '1';
const NAMES = ['postgres-primary', 'postgres-standby'];

export async function setup(): Promise<void> {}

export async function teardown(): Promise<void> {
  if (!enabled) return;
  const docker = new Docker();
  const containers = await docker.listContainers({ all: true }).catch(() => []);
  const left = containers.filter((c) => c.Names.some((n) => NAMES.includes(n.replace(/^\//, ''))));
  if (left.length) {
    throw new Error(`The docker tests left ${left.length} container(s): ${left.map((c) => `${c.Names.join(',')} (${c.State})`).join('; ')}`);
  }
}
