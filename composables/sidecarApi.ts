// The deck's only way to the sidecar: same-origin `/api/…`; the deck server adds the token, so the page never sees it.
import type { ApiErrorBody } from '../shared/types';

/** A non-2xx answer (or no answer) from the sidecar, with its error code and presenter-friendly message. */
export class ApiError extends Error {
  constructor(readonly code: string, message: string, readonly status: number, readonly detail?: string) {
    super(message);
    this.name = 'ApiError';
  }
}

async function request<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (cause) {
    throw new ApiError('NO_SIDECAR', `The deck server did not answer (${String(cause)}).`, 0);
  }
  const text = await response.text();
  const parsed = parseJson(text);
  if (!response.ok) {
    const error = (parsed ?? {}) as Partial<ApiErrorBody>;
    throw new ApiError(error.code ?? `HTTP_${response.status}`, error.message ?? (text.slice(0, 200) || response.statusText),
      response.status, error.detail);
  }
  return parsed as T;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export const apiGet = <T>(path: string) => request<T>('GET', path);
export const apiPost = <T>(path: string, body: unknown = {}) => request<T>('POST', path, body);

export function errorMessage(err: unknown): string {
  if (err instanceof ApiError) return err.detail ? `${err.message} ${err.detail}` : err.message;
  return err instanceof Error ? err.message : String(err);
}
