// What rehearse needs from a running sidecar and its cluster: the API (as the deck calls it), status, and a query on
// a node for the checks about data.
import type { Cluster } from '../cluster/cluster';
import { sql } from '../cluster/sql/client';
import type { RunningSidecar } from '../sidecar/start-sidecar';
import { http } from '../system/http';
import type { RehearseDeps } from './rehearse';

// a run answers when it ends: the longest snippet timeout (5 min) plus the time its cleanup may take
const ANSWER_TIMEOUT_MS = 7 * 60_000;

export function sidecarDeps(cluster: Cluster, sidecar: Pick<RunningSidecar, 'url' | 'token'>, progress?: RehearseDeps['progress']): RehearseDeps {
  return {
    async post<T>(path: string, body: unknown): Promise<T> {
      const answer = await http(`${sidecar.url}${path}`, {
        body, headers: { authorization: `Bearer ${sidecar.token}` }, timeoutMs: ANSWER_TIMEOUT_MS,
      });
      if (answer.status !== 200) throw new Error(`${path}: ${answer.status} ${answer.body}`);
      return answer.json<T>();
    },
    status: () => cluster.status(),
    query: (node, text) => sql(cluster, node, text),
    progress,
  };
}
