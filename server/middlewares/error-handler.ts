import type { ErrorRequestHandler } from 'express';
import { ZodError } from 'zod';
import { DemoError, isDemoError } from '../errors';
import type { ApiErrorBody } from '../types';

/** Maps a thrown error to its HTTP status; only {code, message, detail} ever reach the client. */
export function toDemoError(err: unknown): DemoError {
  if (isDemoError(err)) return err;
  if (err instanceof ZodError) {
    const detail = err.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ');
    return new DemoError('BAD_REQUEST', 'The request body is not valid.', { detail });
  }
  // express.json() reports malformed JSON with a 400 `type` we can recognise
  if (typeof err === 'object' && err !== null && (err as { type?: string }).type === 'entity.parse.failed') {
    return new DemoError('BAD_REQUEST', 'The request body is not valid JSON.');
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
