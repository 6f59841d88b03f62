// The one place that picks a backend: by option, else env PGDEMO_BACKEND, else the one that built the pair in the
// state folder, else embedded. Every backend is a driver
// under the same ReplicationCluster.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DemoError } from '../../shared/errors';
import type { BackendKind } from '../../shared/types';
import type { Cluster } from './cluster';
import { DockerDriver } from './docker/docker-driver';
import { EmbeddedDriver } from './embedded/embedded-driver';
import { ReplicationCluster } from './replication-cluster';

export const BACKEND_KINDS: readonly BackendKind[] = ['embedded', 'docker'];

export interface CreateClusterOptions {
  backend?: string;
  /** default env PGDEMO_CLUSTER_DIR, else <project>/.cluster */
  stateDir?: string;
  basePort?: number;
  /** embedded: PostgreSQL bin folder (overrides PG_BIN) */
  binDir?: string;
  /** embedded: OS user for the servers when running as root */
  osUser?: string;
}

const PROJECT_DIR = resolve(fileURLToPath(new URL('.', import.meta.url)), '..', '..');

export function defaultStateDir(): string {
  return resolve(process.env.PGDEMO_CLUSTER_DIR || resolve(PROJECT_DIR, '.cluster'));
}

/** A state folder remembers which backend made its pair: docker.json (docker) or cluster.json (embedded). */
function backendOfStateDir(stateDir: string): BackendKind | undefined {
  if (existsSync(join(stateDir, 'docker.json')) && !existsSync(join(stateDir, 'cluster.json'))) return 'docker';
  return undefined;
}

export function createCluster(options: CreateClusterOptions = {}): Cluster {
  const stateDir = resolve(options.stateDir ?? defaultStateDir());
  const kind = options.backend ?? (process.env.PGDEMO_BACKEND || backendOfStateDir(stateDir) || 'embedded');
  switch (kind) {
    case 'embedded':
      return new ReplicationCluster(new EmbeddedDriver({
        stateDir, basePort: options.basePort, binDir: options.binDir, osUser: options.osUser,
      }));
    case 'docker':
      return new ReplicationCluster(new DockerDriver({ stateDir, basePort: options.basePort }));
    default:
      throw new DemoError('BAD_REQUEST', `Unknown cluster backend "${kind}".`,
        { detail: `Valid backends: ${BACKEND_KINDS.join(', ')}` });
  }
}
