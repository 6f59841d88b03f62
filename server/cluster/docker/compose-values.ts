// Compose's small value syntaxes turned into what the Engine API takes: durations, sizes, "K=V" lists, ports.
import { DemoError } from '../../../shared/errors';

const DURATION_UNITS_NS: Record<string, number> = { h: 3600e9, m: 60e9, s: 1e9, ms: 1e6, us: 1e3, ns: 1 };

/** "1m30s", "2s", "500ms" → nanoseconds (the Engine's healthcheck unit). */
export function durationNs(text: string, where: string): number {
  const parts = [...text.matchAll(/(\d+(?:\.\d+)?)(h|ms|m|s|us|ns)/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join('') !== text.trim()) {
    throw new DemoError('BAD_REQUEST', `${where}: "${text}" is not a duration (like 2s, 1m30s, 500ms)`);
  }
  return Math.round(parts.reduce((sum, [, n, unit]) => sum + Number(n) * DURATION_UNITS_NS[unit!]!, 0));
}

const SIZE_UNITS: Record<string, number> = { '': 1, b: 1, k: 1024, kb: 1024, m: 1024 ** 2, mb: 1024 ** 2, g: 1024 ** 3, gb: 1024 ** 3 };

/** "256m" → bytes (Compose sizes are binary). */
export function sizeBytes(value: string | number, where: string): number {
  if (typeof value === 'number') return value;
  const match = /^(\d+)\s*([a-z]*)$/i.exec(value.trim());
  const unit = SIZE_UNITS[match?.[2]?.toLowerCase() ?? 'x'];
  if (!match || unit === undefined) throw new DemoError('BAD_REQUEST', `${where}: "${value}" is not a size (like 256m)`);
  return Number(match[1]) * unit;
}

/** A list of "K=V" or a map → a map ("K" alone, or a null value, takes K from `env`, as Compose does). */
export function keyValues(
  value: string[] | Record<string, string | number | boolean | null> | undefined,
  env: Record<string, string | undefined> = {},
): Record<string, string> {
  const entries: [string, string | undefined][] = Array.isArray(value)
    ? value.map((item) => {
      const at = item.indexOf('=');
      return at < 0 ? [item, env[item]] : [item.slice(0, at), item.slice(at + 1)];
    })
    : Object.entries(value ?? {}).map(([k, v]) => [k, v === null ? env[k] : String(v)]);
  return Object.fromEntries(entries.filter((e): e is [string, string] => e[1] !== undefined));
}

export interface PortBinding {
  hostIp: string;
  hostPort: string;
  /** "5432/tcp" */
  containerPort: string;
}

/**
 * "127.0.0.1:54320:5432" → a binding. Only loopback is accepted: the project never listens on other addresses,
 * and a published PostgreSQL port on 0.0.0.0 would be reachable from the network.
 */
export function portBinding(spec: string, where: string): PortBinding {
  const match = /^(?:(\[[^\]]+\]|[^:]+):)?(\d+):(\d+)(?:\/(tcp|udp))?$/.exec(spec);
  if (!match) throw new DemoError('BAD_REQUEST', `${where}: "${spec}" is not HOST_IP:HOST_PORT:CONTAINER_PORT`);
  const [, hostIp, hostPort, containerPort, proto] = match;
  if (hostIp !== '127.0.0.1') {
    throw new DemoError('BAD_REQUEST',
      `${where}: "${spec}" must publish on 127.0.0.1 only (write 127.0.0.1:${hostPort}:${containerPort})`);
  }
  return { hostIp, hostPort: hostPort!, containerPort: `${containerPort}/${proto ?? 'tcp'}` };
}
