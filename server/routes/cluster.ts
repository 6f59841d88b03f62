import { Router } from 'express';
import type { Cluster } from '../cluster/cluster';
import { actAndReport, STATUS_TIMEOUT_MS, withTimeout } from '../operations';
import { actionParams } from '../../shared/wire';

export function clusterRoutes(cluster: Cluster): Router {
  const router = Router();
  router.get('/api/cluster', async (_req, res) => {
    res.json(await withTimeout(cluster.status(), STATUS_TIMEOUT_MS, 'Reading the cluster status'));
  });
  router.post('/api/cluster/:action', async (req, res) => {
    res.json(await actAndReport(cluster, req.params.action, actionParams.parse(req.body ?? {})));
  });
  return router;
}
