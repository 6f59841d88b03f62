import type { RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import { accessChecks, createApp } from '../app';
import type { Cluster } from '../cluster/cluster';
import { runSocket, type UpgradeHandler } from '../routes/run-socket';
import { createRunExecutor } from '../runs/execute';
import { RunRegistry } from '../runs/run-registry';
import { SessionPool } from '../run/sql/session-pool';
import type { Snippet } from '../types';
import { writeSidecarFile, tokenFor } from './sidecar-file';
import { StatusFeed } from './status-feed';

export interface SidecarOptions {
  cluster: Cluster;
  snippets: ReadonlyMap<string, Snippet>;
  /** 0 = any free port (the deck finds it in sidecar.json) */
  port?: number;
  allowEdits?: boolean;
  allowedOrigins?: string[];
  log?: (err: unknown) => void;
  /** runs wait for it (the cluster still coming up); status and events answer at once */
  clusterReady?: Promise<unknown>;
}

export interface RunningSidecar {
  url: string;
  token: string;
  registry: RunRegistry;
  /** edited and ad-hoc text runs (`--allow-edits`) */
  allowEdits: boolean;
  /** the HTTP app itself, for a server in this process that adds the token (the deck server of `npm start`) */
  handle: RequestListener;
  /** WebSocket upgrades (the run socket), for the same */
  upgrade: UpgradeHandler;
  close(): Promise<void>;
}

/** Starts the sidecar on 127.0.0.1 only and writes {url, token} to <stateDir>/sidecar.json (mode 0600). */
export async function startSidecar(options: SidecarOptions): Promise<RunningSidecar> {
  const { cluster } = options;
  const token = await tokenFor(cluster.stateDir);
  let url = '';
  // shell snippets call back into the sidecar for `docker pause|stop|…`, so the executor needs our own address
  const sessions = new SessionPool();
  const registry = new RunRegistry(createRunExecutor(cluster, sessions, () => ({ url, token }), options.clusterReady));
  const statusFeed = new StatusFeed(cluster);
  const app = createApp({
    cluster,
    snippets: options.snippets,
    registry,
    statusFeed,
    token,
    allowedOrigins: options.allowedOrigins ?? [],
    allowEdits: options.allowEdits ?? false,
    log: options.log,
  });
  const checks = accessChecks({ token, allowedOrigins: options.allowedOrigins ?? [] });
  const socket = runSocket({
    registry, snippets: options.snippets, allowEdits: options.allowEdits ?? false, checks: [checks.host, checks.origin, checks.token],
  });
  const server = await new Promise<import('node:http').Server>((resolve, reject) => {
    const s = app.listen(options.port ?? 0, '127.0.0.1', (err?: Error) => (err ? reject(err) : resolve(s)));
    s.once('error', reject);
  });
  server.on('upgrade', socket.upgrade);
  const { port } = server.address() as AddressInfo;
  url = `http://127.0.0.1:${port}`;
  await writeSidecarFile(cluster.stateDir, { url, token });

  return {
    url,
    token,
    registry,
    allowEdits: options.allowEdits ?? false,
    handle: app,
    upgrade: socket.upgrade,
    async close() {
      statusFeed.stop();
      socket.close();
      await registry.cancelAll();
      await sessions.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
