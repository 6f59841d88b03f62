import { Router } from 'express';
import type { Cluster } from '../cluster/cluster';
import { consoleBodySchema, runConsole } from '../drills/console';
import type { DrillSession } from '../drills/drill-session';
import type { PracticeLog } from '../drills/practice-log';
import { withTimeout } from '../operations';
import { DemoError } from '../../shared/errors';
import { EDITS_HINT } from '../runner/run-request';

/** a start resets the pair and injects (a failover, a rewind): the longest verb */
const DRILL_TIMEOUT_MS = 90_000;
const CONSOLE_TIMEOUT_MS = 10_000;
const STATE_TIMEOUT_MS = 10_000;

/** The drill's verbs (docs/drills.md), the candidate's console (only with `--allow-edits`) and the practice log. */
export function drillRoutes(deps: { cluster: Cluster; drills: DrillSession; practice: PracticeLog; allowEdits: boolean }): Router {
  const { drills, practice } = deps;
  const router = Router();
  const verb = (path: string, work: (body: unknown) => Promise<unknown> | unknown, timeoutMs = DRILL_TIMEOUT_MS) => {
    router.post(path, async (req, res) => {
      res.json(await withTimeout(Promise.resolve(work(req.body)), timeoutMs, `Drill ${path.split('/').at(-1)}`));
    });
  };
  router.get('/api/drill', (_req, res) => {
    res.json(drills.state());
  });
  verb('/api/drill/start', (body) => drills.start(body));
  verb('/api/drill/hint', () => drills.hint(), STATE_TIMEOUT_MS);
  verb('/api/drill/diagnose', (body) => drills.diagnose(body), STATE_TIMEOUT_MS);
  verb('/api/drill/reveal', () => drills.reveal(), STATE_TIMEOUT_MS + 20_000);
  verb('/api/drill/fix', () => drills.fix());
  verb('/api/drill/reset', () => drills.reset());
  router.get('/api/drill/answer', async (_req, res) => {
    res.json(await withTimeout(drills.answer(), STATE_TIMEOUT_MS + 20_000, 'The drill\'s answer'));
  });
  verb('/api/drill/console', (body) => {
    if (!deps.allowEdits) {
      throw new DemoError('EDIT_NOT_ENABLED', 'The console runs SQL of your own, which this sidecar does not allow.', { detail: EDITS_HINT });
    }
    const request = consoleBodySchema.parse(body);
    if (!drills.state().active) throw new DemoError('INVALID_STATE', 'The console is part of a drill: start one first.');
    return runConsole(deps.cluster, request);
  }, CONSOLE_TIMEOUT_MS);
  router.get('/api/practice', async (_req, res) => {
    res.json(await practice.entries());
  });
  verb('/api/practice/demo', (body) => practice.addDemo(body), STATE_TIMEOUT_MS);
  return router;
}
