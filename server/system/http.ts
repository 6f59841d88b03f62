// A plain HTTP request over node:http, for the sidecar's API as a client outside the browser calls it: `pgdemo rehearse`
// (a run answers when it ends, up to 7 minutes: fetch's own 5-minute wait for the headers would cut it short) and the
// tests (they send any Host and Origin, as a hostile page's browser would; fetch would not let them).
import { request } from 'node:http';

export interface HttpAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  json<T = unknown>(): T;
}

/** One request; `body` is sent as JSON (POST unless `method` says otherwise). Any status resolves; no answer rejects. */
export function http(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: unknown; timeoutMs?: number } = {},
): Promise<HttpAnswer> {
  const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
  return new Promise((resolve, reject) => {
    const req = request(url, {
      method: options.method ?? (payload ? 'POST' : 'GET'),
      headers: { ...(payload ? { 'content-type': 'application/json' } : {}), ...options.headers },
      timeout: options.timeoutMs ?? 30_000,
    }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({
        status: res.statusCode ?? 0,
        headers: res.headers,
        body,
        json: <T>() => JSON.parse(body) as T,
      }));
    });
    req.on('timeout', () => req.destroy(new Error(`no answer from ${url} within ${(options.timeoutMs ?? 30_000) / 1000} s`)));
    req.on('error', reject);
    req.end(payload);
  });
}
