// The sidecar's HTTP app. The order of the middlewares is the security model, so it stands here in one place:
// loopback Host → deck Origin → (health) → token → JSON body → routes → errors.
import express, { type Express } from 'express';
import type { Cluster } from './cluster/cluster';
import { DemoError } from '../shared/errors';
import { authMiddleware } from './middlewares/auth';
import { errorMiddleware } from './middlewares/error-handler';
import { hostCheckMiddleware } from './middlewares/host-check';
import { originCheckMiddleware } from './middlewares/origin-check';
import { clusterRoutes } from './routes/cluster';
import { drillRoutes } from './routes/drill';
import type { DrillSession } from './drills/drill-session';
import type { PracticeLog } from './drills/practice-log';
import { eventRoutes } from './routes/events';
import { healthRoutes } from './routes/health';
import { runRoutes } from './routes/run';
import { settingsRoutes } from './routes/settings';
import { snippetRoutes } from './routes/snippets';
import type { RunRegistry } from './runner/run-registry';
import type { StatusFeed } from './sidecar/status-feed';
import type { Snippet } from '../shared/types';

export interface AppDeps {
  /** the cluster as pages see it: while a drill runs, its status hides the fault (drills/drill-aware-cluster.ts) */
  cluster: Cluster;
  drills: DrillSession;
  practice: PracticeLog;
  snippets: ReadonlyMap<string, Snippet>;
  /** snippet files that do not parse: id → what is wrong (a run of one answers SNIPPET_INVALID) */
  brokenSnippets?: ReadonlyMap<string, string>;
  registry: RunRegistry;
  statusFeed: StatusFeed;
  token: string;
  allowedOrigins: Iterable<string>;
  allowEdits: boolean;
  log?: (err: unknown) => void;
  /** what may wait for a script that does not read its events stream before it is closed (default BACKLOG_LIMIT) */
  sseBacklogBytes?: number;
}

/** Who may ask at all, in order: loopback Host, the deck's Origin, the token. The page's channel's handshake uses them too. */
export function accessChecks(deps: Pick<AppDeps, 'token' | 'allowedOrigins'>) {
  return {
    host: hostCheckMiddleware(),
    origin: originCheckMiddleware(new Set(deps.allowedOrigins)),
    token: authMiddleware(deps.token),
  };
}

export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', false);

  const checks = accessChecks(deps);
  app.use(checks.host);
  app.use(checks.origin);
  app.use(healthRoutes());
  app.use(checks.token);
  app.use(express.json({ limit: '256kb' }));

  app.use(clusterRoutes(deps.cluster));
  app.use(snippetRoutes(deps.snippets));
  app.use(runRoutes(deps));
  app.use(settingsRoutes(deps));
  app.use(drillRoutes(deps));
  app.use(eventRoutes(deps));

  app.use((req, _res, next) => {
    next(new DemoError('NOT_FOUND', `No endpoint ${req.method} ${req.path}.`));
  });
  app.use(errorMiddleware(deps.log));
  return app;
}
