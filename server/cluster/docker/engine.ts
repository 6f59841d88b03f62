// Which Docker engine we talk to, and the one clear error when none answers. DOCKER_HOST works as with the docker
// CLI: unix:///path, tcp://host:port, ssh://user@host (unset: the local socket).
import type Docker from 'dockerode';
import { DemoError } from '../../../shared/errors';
import { dockerode } from './docker-packages';

export interface Engine {
  docker: Docker;
  /** what we tried, for messages: "unix:///var/run/docker.sock", "tcp://127.0.0.1:2375" */
  endpoint: string;
}

const DEFAULT_SOCKET = '/var/run/docker.sock';

export function connectEngine(dockerHost: string | undefined = process.env.DOCKER_HOST): Engine {
  const endpoint = dockerHost || `unix://${DEFAULT_SOCKET}`;
  // The process's own DOCKER_HOST: let docker-modem read the environment itself (it also honours the TLS variables).
  if (dockerHost === process.env.DOCKER_HOST) return { docker: new (dockerode())(), endpoint };
  return { docker: new (dockerode())(optionsFor(endpoint)), endpoint };
}

function optionsFor(endpoint: string): Docker.DockerOptions {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw new DemoError('BAD_REQUEST', `DOCKER_HOST "${endpoint}" is not like unix:///var/run/docker.sock, tcp://host:2375 or ssh://user@host.`);
  }
  switch (url.protocol) {
    case 'unix:': return { socketPath: url.pathname || DEFAULT_SOCKET };
    case 'tcp:':
    case 'http:': return { protocol: 'http', host: url.hostname, port: url.port || 2375 };
    case 'https:': return { protocol: 'https', host: url.hostname, port: url.port || 2376 };
    case 'ssh:': return {
      protocol: 'ssh', host: url.hostname, port: url.port || 22, username: url.username || undefined,
      sshOptions: { agent: process.env.SSH_AUTH_SOCK },
    };
    default: throw new DemoError('BAD_REQUEST', `DOCKER_HOST "${endpoint}": unsupported scheme ${url.protocol}`);
  }
}

/** An engine on this machine, whose published ports we can test for being free before we ask for them. */
export const isLocalEngine = (endpoint: string) => /^unix:|^(tcp|http|https):\/\/(127\.0\.0\.1|localhost|\[::1\])(:|\/|$)/.test(endpoint);

/** Resolves when the engine answers a ping; otherwise one message naming what was tried and the alternative. */
export async function requireEngine(engine: Engine, timeoutMs = 5_000): Promise<void> {
  // dockerode takes an abortSignal here, its type declarations do not say so
  const ping = engine.docker.ping.bind(engine.docker) as unknown as (opts: { abortSignal: AbortSignal }) => Promise<unknown>;
  try {
    await ping({ abortSignal: AbortSignal.timeout(timeoutMs) });
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
    throw new DemoError('TOOL_MISSING',
      `No Docker engine answered at ${engine.endpoint} (${reason}). Start dockerd or set DOCKER_HOST to a reachable `
      + 'engine, or use the default backend, embedded, which needs no Docker (leave PGDEMO_BACKEND unset).',
      { cause: err });
  }
}

/** Resolves when the image is on the engine; we never pull (no registry is assumed reachable). */
export async function requireImage(engine: Engine, image: string): Promise<void> {
  try {
    await engine.docker.getImage(image).inspect();
  } catch (err) {
    if (statusOf(err) !== 404) throw err;
    throw new DemoError('TOOL_MISSING',
      `The image ${image} is not on the Docker engine at ${engine.endpoint}. Where a registry is reachable, `
      + `docker pull ${image}; otherwise build a local PostgreSQL image from Debian's packages with `
      + '`npm run docker:image` and set PG_IMAGE to the name it prints (pgdemo/postgres:15).', { cause: err });
  }
}

/** The HTTP status of a failed Engine API call (dockerode puts it on the error), or undefined. */
export function statusOf(err: unknown): number | undefined {
  const status = (err as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === 'number' ? status : undefined;
}

/** Runs an Engine call whose "already so" answers (404 gone, 304 not modified, 409 conflict) are fine. */
export async function tolerate<T>(call: Promise<T>, ...okStatuses: number[]): Promise<T | undefined> {
  try {
    return await call;
  } catch (err) {
    if (okStatuses.includes(statusOf(err) ?? -1)) return undefined;
    throw err;
  }
}
