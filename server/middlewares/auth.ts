import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import { DemoError } from '../../shared/errors';

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

/** `Authorization: Bearer <token>`, compared in constant time (hashing first makes the lengths equal). */
export function authMiddleware(token: string): RequestHandler {
  const expected = digest(token);
  return function auth(req, _res, next) {
    const header = req.headers.authorization ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match?.[1] || !timingSafeEqual(digest(match[1]), expected)) {
      next(new DemoError('UNAUTHORIZED', header ? 'Wrong token.' : 'Missing token.', {
        detail: 'Send Authorization: Bearer <token> with the token from .cluster/sidecar.json.',
      }));
      return;
    }
    next();
  };
}
