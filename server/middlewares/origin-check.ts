import type { RequestHandler } from 'express';
import { DemoError } from '../../shared/errors';

/**
 * Browsers send Origin on cross-origin requests and on every POST. A request from a page that is not the deck is
 * refused; requests without Origin (curl, the CLI, the deck server's proxy for same-origin GETs) pass on to the token.
 */
export function originCheckMiddleware(allowedOrigins: ReadonlySet<string>): RequestHandler {
  return function originCheck(req, _res, next) {
    const origin = req.headers.origin;
    if (origin !== undefined && !allowedOrigins.has(origin)) {
      next(new DemoError('FORBIDDEN_ORIGIN', `Origin "${origin}" is not one of the deck's origins.`, {
        detail: 'Set PGDEMO_DECK_ORIGINS (comma separated) if the deck is served from another loopback port.',
      }));
      return;
    }
    next();
  };
}
