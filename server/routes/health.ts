import { Router } from 'express';

export function healthRoutes(): Router {
  return Router().get('/api/health', (_req, res) => {
    res.json({ ok: true });
  });
}
