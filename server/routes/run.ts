import { Router } from 'express';
import type { RunRegistry } from '../runner/run-registry';
import { resolveRunRequest } from '../runner/run-request';
import type { Snippet } from '../../shared/types';

export function runRoutes(deps: {
  registry: RunRegistry;
  snippets: ReadonlyMap<string, Snippet>;
  brokenSnippets?: ReadonlyMap<string, string>;
  allowEdits: boolean;
}): Router {
  const { registry, snippets, allowEdits, brokenSnippets } = deps;
  const router = Router();

  router.post('/api/run', async (req, res) => {
    const request = resolveRunRequest(req.body, snippets, allowEdits, brokenSnippets);
    const { done } = registry.start(request);
    res.json(await done);
  });

  router.post('/api/runs/:runId/cancel', (req, res) => {
    res.json({ ok: true, ...registry.cancel(req.params.runId) });
  });

  router.get('/api/runs/last', (_req, res) => {
    res.json(registry.lastBySnippet());
  });
  return router;
}
