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
