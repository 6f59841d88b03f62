import { Router } from 'express';
import type { Cluster } from '../cluster/cluster';
import { actionParamsSchema, runClusterAction, withTimeout } from '../operations';
import type { OperationResponse } from '../../shared/types';

const OPERATION_TIMEOUT_MS = 90_000;
const STATUS_TIMEOUT_MS = 8_000;

export function clusterRoutes(cluster: Cluster): Router {
  const router = Router();
  router.get('/api/cluster', async (_req, res) => {
    res.json(await withTimeout(cluster.status(), STATUS_TIMEOUT_MS, 'Reading the cluster status'));
  });
  router.post('/api/cluster/:action', async (req, res) => {
    const action = req.params.action;
    const params = actionParamsSchema.parse(req.body ?? {});
    const report = await withTimeout(runClusterAction(cluster, action, params), OPERATION_TIMEOUT_MS, `"${action}"`);
    const status = await withTimeout(cluster.status(), STATUS_TIMEOUT_MS, 'Reading the cluster status');
    const body: OperationResponse = { ...report, status };
    res.json(body);
  });
  return router;
}
