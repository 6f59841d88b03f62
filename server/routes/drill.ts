import { Router } from 'express';
import { DRILL_VERBS } from '../../shared/drills';
import type { Cluster } from '../cluster/cluster';
import type { DrillSession } from '../drills/drill-session';
import type { PracticeLog } from '../drills/practice-log';
import { drillConsole, drillVerb } from '../drills/verbs';
import { withTimeout } from '../operations';

/** a start resets the pair and injects (a failover, a rewind): the longest verb */
const DRILL_TIMEOUT_MS = 90_000;
const CONSOLE_TIMEOUT_MS = 10_000;
const ANSWER_TIMEOUT_MS = 30_000;

/** The drill's verbs (docs/drills.md), the candidate's console (only with `--allow-edits`) and the practice log. */
export function drillRoutes(deps: { cluster: Cluster; drills: DrillSession; practice: PracticeLog; allowEdits: boolean }): Router {
  const { drills, practice } = deps;
  const router = Router();
  router.get('/api/drill', (_req, res) => {
    res.json(drills.state());
  });
  for (const verb of DRILL_VERBS.filter((v) => v !== 'state')) {
    router.post(`/api/drill/${verb}`, async (req, res) => {
      res.json(await withTimeout(Promise.resolve(drillVerb(drills, verb, req.body)), DRILL_TIMEOUT_MS, `Drill ${verb}`));
    });
  }
  router.get('/api/drill/answer', async (_req, res) => {
    res.json(await withTimeout(drills.answer(), ANSWER_TIMEOUT_MS, 'The drill\'s answer'));
  });
  router.post('/api/drill/console', async (req, res) => {
    res.json(await withTimeout(drillConsole(deps, req.body), CONSOLE_TIMEOUT_MS, 'The console'));
  });
  router.get('/api/practice', async (_req, res) => {
    res.json(await practice.entries());
  });
  router.post('/api/practice/demo', async (req, res) => {
    res.json(await practice.addDemo(req.body));
  });
  return router;
}
