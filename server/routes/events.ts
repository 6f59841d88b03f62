import { Router } from 'express';
import type { RunEvents, RunRegistry } from '../runner/run-registry';
import type { StatusFeed } from '../sidecar/status-feed';
import { openSse } from './sse';

/**
 * `GET /api/events`, for scripts (the page has its channel, ../channel/page-channel.ts): cluster snapshots plus every
 * run's start, output and result, as server-sent events named as the channel's messages and carrying the same payloads.
 */
export function eventRoutes(deps: { registry: RunRegistry; statusFeed: StatusFeed; sseBacklogBytes?: number }): Router {
  const { registry, statusFeed } = deps;
  return Router().get('/api/events', (req, res) => {
    const sse = openSse(res, deps.sseBacklogBytes);
    const unsubscribe = statusFeed.subscribe((update) => {
      if ('status' in update) sse.send('status', update.status);
      else sse.send('status-unavailable', update.unavailable);
    });
    const onRun = (...[summary]: RunEvents['run']) => sse.send('run', summary);
    const onOutput = (...[e]: RunEvents['output']) => sse.send('output', e);
    const onResult = (...[e]: RunEvents['result']) => sse.send('result', e);
    registry.on('run', onRun).on('output', onOutput).on('result', onResult);
    req.on('close', () => {
      unsubscribe();
      registry.off('run', onRun).off('output', onOutput).off('result', onResult);
    });
  });
}
