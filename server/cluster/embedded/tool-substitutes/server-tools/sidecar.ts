// The substitutes' way to the backend's own operations: the sidecar's API, as docker-control.mjs does for
// `docker pause` (PGDEMO_CONTROL_URL and _TOKEN come with the shell environment).
import type { ClusterStatus, OperationResponse } from '../../../../../shared/types';

// the sidecar gives a cluster operation up to 90 s
const REQUEST_TIMEOUT_MS = 100_000;

export class SidecarError extends Error {
  constructor(message: string, readonly detail?: string) {
    super(message);
  }
}

async function request<T>(method: 'GET' | 'POST', path: string, body?: unknown, env = process.env): Promise<T> {
  const url = env.PGDEMO_CONTROL_URL;
  if (!url) throw new SidecarError('no sidecar to ask (PGDEMO_CONTROL_URL is not set); run this snippet from the deck or `pgdemo serve`');
  let response: Response;
  try {
    response = await fetch(`${url.replace(/\/$/, '')}${path}`, {
      method,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${env.PGDEMO_CONTROL_TOKEN ?? ''}` },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
  } catch (err) {
    const cause = (err as { cause?: { code?: string } }).cause?.code ?? (err as Error).message;
    throw new SidecarError(`could not reach the sidecar at ${url} (${cause})`);
  }
  const text = await response.text();
  let parsed: { message?: string; detail?: string } | undefined;
  try {
    parsed = JSON.parse(text) as typeof parsed;
  } catch {
    parsed = undefined;
  }
  if (!response.ok) throw new SidecarError(parsed?.message ?? (text.trim() || `HTTP ${response.status}`), parsed?.detail);
  return parsed as T;
}

export const clusterStatus = () => request<ClusterStatus>('GET', '/api/cluster');

export const rebuildStopped = (node: string) =>
  request<OperationResponse>('POST', '/api/cluster/rebuild', { node, leaveStopped: true });

/** An operation's method without the parenthesised reason: the substitute's own line already says why. */
export const shortMethod = (method: string | undefined) => (method ?? 'the backend\'s clone').replace(/ \([^()]*\)$/, '');
