// Free TCP ports on 127.0.0.1 (the only address anything here binds).
import { createServer } from 'node:net';

export function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen({ port, host: '127.0.0.1', exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/** The first of `count` consecutive free ports, trying `base`, `base + count`, … up to `base + 100`; null if none. */
export async function freePortRun(base: number, count: number): Promise<number | null> {
  for (let port = base; port + count <= base + 100; port += count) {
    const free = await Promise.all(Array.from({ length: count }, (_, i) => isPortFree(port + i)));
    if (free.every(Boolean)) return port;
  }
  return null;
}
