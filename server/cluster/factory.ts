// The one place that picks a backend: by option, else env PGDEMO_BACKEND, else embedded. Every backend is a driver
// under the same ReplicationCluster.
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DemoError } from '../errors';
import type { BackendKind } from '../types';
import type { Cluster } from './cluster';
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

export function createCluster(options: CreateClusterOptions = {}): Cluster {
  const kind = options.backend ?? (process.env.PGDEMO_BACKEND || 'embedded');
  const stateDir = resolve(options.stateDir ?? defaultStateDir());
  switch (kind) {
    case 'embedded':
      return new ReplicationCluster(new EmbeddedDriver({
        stateDir, basePort: options.basePort, binDir: options.binDir, osUser: options.osUser,
      }));
    case 'docker':
      throw new DemoError('TOOL_MISSING', 'The docker backend comes in a later issue; use PGDEMO_BACKEND=embedded.');
    default:
      throw new DemoError('BAD_REQUEST', `Unknown cluster backend "${kind}".`,
        { detail: `Valid backends: ${BACKEND_KINDS.join(', ')}` });
  }
}
