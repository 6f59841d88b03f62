import type { RequestHandler } from 'express';
import { DemoError } from '../../shared/errors';

const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

/** The hostname part of a Host header ("127.0.0.1:5000" → "127.0.0.1", "[::1]:80" → "[::1]"). */
export function hostnameOf(host: string): string {
  if (host.startsWith('[')) return host.slice(0, host.indexOf(']') + 1);
  return host.split(':')[0] ?? '';
}

/**
 * Refuses requests whose Host is not a loopback name. A page on evil.example that re-points its DNS name at 127.0.0.1
 * (DNS rebinding) still sends `Host: evil.example`, so this is what stops it even though the socket is loopback.
 */
export function hostCheckMiddleware(): RequestHandler {
  return function hostCheck(req, _res, next) {
    const host = req.headers.host ?? '';
    if (!LOOPBACK_NAMES.has(hostnameOf(host).toLowerCase())) {
      next(new DemoError('FORBIDDEN_HOST', `Host "${host}" is not a loopback name; the sidecar only answers localhost.`));
      return;
    }
    next();
  };
}
