import { Router } from 'express';
import type { RunRegistry } from '../runs/run-registry';
import { resolveRunRequest } from '../runs/run-request';
import type { RunEvent, Snippet } from '../types';
import { openSse } from './sse';

export function runRoutes(deps: {
  registry: RunRegistry;
  snippets: ReadonlyMap<string, Snippet>;
  allowEdits: boolean;
}): Router {
  const { registry, snippets, allowEdits } = deps;
  const router = Router();

  router.post('/api/run', async (req, res) => {
    const request = resolveRunRequest(req.body, snippets, allowEdits);
    const { done } = registry.start(request);
    res.json(await done);
  });

  // Long runs (the seed's 60-second load loop) stream their lines as they come. Closing the stream does not cancel
  // the run: runs belong to the sidecar, and a reloaded page picks them up again from /api/events.
  router.post('/api/run/stream', (req, res) => {
    const request = resolveRunRequest(req.body, snippets, allowEdits);
    const sse = openSse(res);
    const send = (event: RunEvent) => sse.send(event.type, event);
    const { runId, done } = registry.start(request);
    const onOutput = (e: { runId: string; stream: 'stdout' | 'stderr'; data: string }) => {
      if (e.runId === runId) send({ type: e.stream, data: e.data });
    };
    registry.on('output', onOutput);
    send({ type: 'start', runId, snippet: request.snippetId });
    void done.then((result) => {
      registry.off('output', onOutput);
      send({ type: 'result', result });
      sse.close();
    });
    res.on('close', () => registry.off('output', onOutput));
  });

  router.post('/api/runs/:runId/cancel', (req, res) => {
    res.json({ ok: true, ...registry.cancel(req.params.runId) });
  });

  router.get('/api/runs/last', (_req, res) => {
    res.json(registry.lastBySnippet());
  });
  return router;
}
