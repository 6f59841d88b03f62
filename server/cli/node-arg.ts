import { InvalidArgumentError } from 'commander';
import { NODE_NAMES, type NodeName } from '../../shared/types';

/** Accepts the seed's container names and the short forms: `postgres-standby`, `standby`. */
export function parseNodeArg(value: string): NodeName {
  const name = value.startsWith('postgres-') ? value : `postgres-${value}`;
  if ((NODE_NAMES as readonly string[]).includes(name)) return name as NodeName;
  throw new InvalidArgumentError(`expected one of: ${NODE_NAMES.join(', ')} (or primary, standby, standby2)`);
}

export function parseOnOff(value: string): boolean {
  if (value === 'on') return true;
  if (value === 'off') return false;
  throw new InvalidArgumentError('expected on or off');
}

export function parseMs(value: string): number {
  const ms = Number(value);
  if (/^\d+$/.test(value) && ms <= 10_000) return ms;
  throw new InvalidArgumentError('expected whole milliseconds from 0 to 10000');
}

/** `latency <ms> --between <a> <b>`: the link's two ends (either order), or nothing for every link. */
export function parseBetween(values: string[] | undefined): { node?: NodeName; peer?: NodeName } {
  if (values === undefined) return {};
  if (values.length !== 2) throw new InvalidArgumentError('--between takes the two ends of one link, e.g. --between standby standby2');
  return { node: parseNodeArg(values[0]!), peer: parseNodeArg(values[1]!) };
}

/** `sync on|off`, or `sync any|first <num> <node>…` (synchronous_standby_names = 'ANY 1 (standby, standby2)'). */
export function parseSyncArgs(value: string, num: string | undefined, nodes: string[]):
  { on: boolean } | { method: 'any' | 'first'; num: number; nodes: NodeName[] } {
  if (value !== 'any' && value !== 'first') {
    if (num !== undefined) throw new InvalidArgumentError(`"sync ${value}" takes nothing more; a quorum is "sync any|first <num> <node>…"`);
    return { on: parseOnOff(value) };
  }
  if (!num || !/^\d+$/.test(num) || Number(num) < 1 || nodes.length === 0) {
    throw new InvalidArgumentError(`expected "sync ${value} <num> <node>…", e.g. sync ${value} 1 standby standby2`);
  }
  return { method: value, num: Number(num), nodes: nodes.map(parseNodeArg) };
}
