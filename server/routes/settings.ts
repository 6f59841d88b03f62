import { Router } from 'express';
import type { SidecarSettings } from '../../shared/types';

/** What this sidecar allows, so the deck offers only that (an editor only with `--allow-edits`). */
export function settingsRoutes(deps: { allowEdits: boolean }): Router {
  const settings: SidecarSettings = { allowEdits: deps.allowEdits };
  return Router().get('/api/settings', (_req, res) => {
    res.json(settings);
  });
}
