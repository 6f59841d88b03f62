import type { ErrorRequestHandler } from 'express';
import { ZodError } from 'zod';
import { DemoError, isDemoError } from '../../shared/errors';
import type { ApiErrorBody } from '../../shared/types';

/** Maps a thrown error to its HTTP status; only {code, message, detail} ever reach the client. */
export function toDemoError(err: unknown): DemoError {
  if (isDemoError(err)) return err;
  if (err instanceof ZodError) {
    const detail = err.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ');
    return new DemoError('BAD_REQUEST', 'The request body is not valid.', { detail });
  }
  // express.json() (body-parser) reports what is wrong with a body by `type`, with a 4xx status
  const bodyError = typeof err === 'object' && err !== null ? err as { type?: string; status?: number; message?: string; limit?: number } : undefined;
  if (bodyError?.type === 'entity.parse.failed') return new DemoError('BAD_REQUEST', 'The request body is not valid JSON.');
  if (bodyError?.type === 'entity.too.large') {
    return new DemoError('PAYLOAD_TOO_LARGE', `The request body is larger than the sidecar takes (${Math.round((bodyError.limit ?? 0) / 1024)} kB).`);
  }
  if (bodyError?.type === 'request.aborted') return new DemoError('BAD_REQUEST', 'The client stopped sending the request body.');
  if (bodyError?.status && bodyError.status >= 400 && bodyError.status < 500 && bodyError.type) {
    return new DemoError('BAD_REQUEST', `The request body cannot be read: ${bodyError.message ?? bodyError.type}.`);
  }
  return new DemoError('INTERNAL', 'Internal error in the sidecar.', { cause: err });
}

export function errorMiddleware(log: (err: unknown) => void = console.error): ErrorRequestHandler {
  return function errorHandler(err, _req, res, _next) {
    const demoError = toDemoError(err);
    if (demoError.code === 'INTERNAL') log(err);
    const body: ApiErrorBody = { code: demoError.code, message: demoError.message };
    if (demoError.detail) body.detail = demoError.detail;
    if (res.headersSent) {
      res.end();
      return;
    }
    res.status(demoError.httpStatus).json(body);
  };
}
