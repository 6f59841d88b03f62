import type { Cluster } from '../cluster/cluster';
import { runShell } from './shell/run-shell';
import { runSql } from './sql/run-sql';
import type { SessionPool } from './sql/session-pool';
import { runTag } from './shell/process-group';
import type { RunExecutor } from './run-registry';

/** Picks the runner for a request and gives it what it needs from the cluster. */
export function createRunExecutor(
  cluster: Cluster,
  sessions: SessionPool,
  control: () => { url: string; token: string },
  clusterReady: Promise<unknown> = Promise.resolve(),
): RunExecutor {
  // a run asked for while the pair still comes up waits for it (or for its cancel); a failed `up` lets the runner
  // report the node as it finds it
  let isReady = false;
  const ready = clusterReady.then(() => { isReady = true; }, () => { isReady = true; });
  return async (request, signal, onOutput, runId) => {
    // once the pair is up a run goes straight to its runner, without a race to build and await on every click
    if (!isReady) await Promise.race([ready, aborted(signal)]);
    if (request.kind === 'sql') {
      return runSql({
        node: request.node,
        connection: cluster.connection(request.node),
        text: request.text,
        statementTimeoutMs: request.timeoutMs,
        signal,
        sessions,
      });
    }
    await cluster.prepareShell();
    return runShell({
      text: request.text,
      environment: cluster.shellEnvironment(control()),
      timeoutMs: request.timeoutMs,
      signal,
      onOutput,
      tag: runTag(cluster.stateDir, runId),
    });
  };
}

function aborted(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) resolve();
    else signal.addEventListener('abort', () => resolve(), { once: true });
  });
}
