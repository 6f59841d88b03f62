import type { RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import { accessChecks, createApp } from '../app';
import type { Cluster } from '../cluster/cluster';
import { pageChannel, type UpgradeHandler } from '../channel/page-channel';
import { createRunExecutor } from '../runner/execute';
import { RunRegistry } from '../runner/run-registry';
import { SessionPool } from '../runner/sql/session-pool';
import type { Snippet } from '../../shared/types';
import { listenOnLoopback, type ClientDeadlines } from '../system/loopback-server';
import { endOrphanedRuns } from '../runner/shell/process-group';
import { readSidecarFile, writeSidecarFile, tokenFor } from './sidecar-file';
import { StatusFeed, type StatusFeedOptions } from './status-feed';
import { DrillSession } from '../drills/drill-session';
import { drillAwareCluster } from '../drills/drill-aware-cluster';
import { PracticeLog } from '../drills/practice-log';

export interface SidecarOptions {
  cluster: Cluster;
  snippets: ReadonlyMap<string, Snippet>;
  /** snippet files that do not parse: id → what is wrong (a run of one answers SNIPPET_INVALID) */
  brokenSnippets?: ReadonlyMap<string, string>;
  /** 0 = any free port (the deck finds it in sidecar.json) */
  port?: number;
  allowEdits?: boolean;
  allowedOrigins?: string[];
  log?: (err: unknown) => void;
  /** runs wait for it (the cluster still coming up); status and events answer at once */
  clusterReady?: Promise<unknown>;
  /** runs at once before BUSY (default DEFAULT_MAX_RUNNING) */
  maxRunning?: number;
  statusFeed?: StatusFeedOptions;
  deadlines?: ClientDeadlines;
  /** what may wait for a page that does not read its channel (or a script its events stream) before it is cut off */
  backlogBytes?: number;
}

export interface RunningSidecar {
  url: string;
  token: string;
  registry: RunRegistry;
  /** edited and ad-hoc text runs (`--allow-edits`) */
  allowEdits: boolean;
  /** the HTTP app itself, for a server in this process that adds the token (the deck server of `npm start`) */
  handle: RequestListener;
  /** WebSocket upgrades (the page's channel), for the same */
  upgrade: UpgradeHandler;
  close(): Promise<void>;
}

/** Starts the sidecar on 127.0.0.1 only and writes {url, token} to <stateDir>/sidecar.json (mode 0600). */
export async function startSidecar(options: SidecarOptions): Promise<RunningSidecar> {
  const practice = new PracticeLog(options.cluster.stateDir);
  const drills = new DrillSession(options.cluster, practice);
  // runs go to the pair itself; what pages read of it (status, reset) goes through the drill
  const cluster = drillAwareCluster(options.cluster, drills);
  const token = await tokenFor(cluster.stateDir);
  await endRunsOfADeadSidecar(cluster.stateDir);
  let url = '';
  // shell snippets call back into the sidecar for `docker pause|stop|…`, so the executor needs our own address
  const sessions = new SessionPool();
  const registry = new RunRegistry(createRunExecutor(cluster, sessions, () => ({ url, token }), options.clusterReady),
    { maxRunning: options.maxRunning });
  const statusFeed = new StatusFeed(cluster, options.statusFeed);
  // the pair just came up (or failed to): every page sees it now, not a tick later
  void options.clusterReady?.then(() => statusFeed.refresh(), () => statusFeed.refresh());
  const app = createApp({
    cluster,
    drills,
    practice,
    snippets: options.snippets,
    brokenSnippets: options.brokenSnippets,
    registry,
    statusFeed,
    token,
    allowedOrigins: options.allowedOrigins ?? [],
    allowEdits: options.allowEdits ?? false,
    log: options.log,
    sseBacklogBytes: options.backlogBytes,
  });
  const checks = accessChecks({ token, allowedOrigins: options.allowedOrigins ?? [] });
  const socket = pageChannel({
    cluster, drills, practice, registry, statusFeed, snippets: options.snippets, brokenSnippets: options.brokenSnippets,
    allowEdits: options.allowEdits ?? false, checks: [checks.host, checks.origin, checks.token],
    backlogBytes: options.backlogBytes, log: options.log,
  });
  const server = await listenOnLoopback(app, options.port ?? 0, options.deadlines);
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
      await drills.close();
      socket.close();
      await registry.cancelAll();
      await sessions.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * A sidecar killed mid-run (kill -9, a crash) leaves its shell runs going: they belong to nobody now, so they are
 * ended — unless that sidecar still answers (two on one folder), whose runs are its own business.
 */
async function endRunsOfADeadSidecar(stateDir: string): Promise<void> {
  const previous = await readSidecarFile(stateDir);
  if (previous) {
    const alive = await fetch(`${previous.url}/api/health`, { signal: AbortSignal.timeout(500) }).then((r) => r.ok, () => false);
    if (alive) return;
  }
  const { runs, groups } = await endOrphanedRuns(stateDir);
  if (runs.length) {
    console.error(`Ended ${runs.length} shell run(s) left running by a sidecar that stopped (process groups ${groups.join(', ')}).`);
  }
}
