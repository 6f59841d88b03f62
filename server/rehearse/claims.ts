// The small assertion vocabulary of the demos' checks (checks/): each failure says what was expected and what was
// found. The checks run in `pgdemo rehearse`, in the demo-flow test and in the browser tests, so they use no test
// framework's `expect`.

/** A claim of a demo that the evidence does not (yet) show: a check with `settleMs` tries again until then. */
export class ClaimFailed extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ClaimFailed';
  }
}

export function ok(condition: unknown, message: string): asserts condition {
  if (!condition) throw new ClaimFailed(message);
}

const shown = (value: unknown) => JSON.stringify(value);

export function equal(actual: unknown, expected: unknown, what: string): void {
  ok(shown(actual) === shown(expected), `${what}: expected ${shown(expected)}, found ${shown(actual)}`);
}

/** Every key of `expected` has that value in `actual` (the rest of `actual` is not compared). */
export function has<T extends object>(actual: T | undefined, expected: Partial<T>, what: string): void {
  ok(actual, `${what}: missing`);
  const differs = Object.entries(expected).filter(([key, value]) => shown(actual[key as keyof T]) !== shown(value));
  ok(differs.length === 0, `${what}: expected ${shown(expected)}, found ${shown(Object.fromEntries(
    differs.map(([key]) => [key, actual[key as keyof T]])))}`);
}

export function matches(text: string, pattern: RegExp, what: string): RegExpExecArray {
  const match = pattern.exec(text);
  ok(match, `${what}: no match for ${pattern} in:\n${text.slice(-1500)}`);
  return match;
}

export function atLeast(actual: number, minimum: number, what: string): void {
  ok(actual >= minimum, `${what}: expected at least ${minimum}, found ${actual}`);
}

export function above(actual: number, floor: number, what: string): void {
  ok(actual > floor, `${what}: expected more than ${floor}, found ${actual}`);
}

export function below(actual: number, ceiling: number, what: string): void {
  ok(actual < ceiling, `${what}: expected less than ${ceiling}, found ${actual}`);
}

/** "16 MB" → bytes, the way pg_size_pretty writes sizes. */
export function bytesOf(pretty: string | null | undefined): number {
  const m = /^(-?\d+(?:\.\d+)?)\s*(bytes|kB|MB|GB|TB)$/.exec(pretty ?? '');
  if (!m) throw new ClaimFailed(`"${pretty}" is not a pg_size_pretty size`);
  return Number(m[1]) * 1024 ** ['bytes', 'kB', 'MB', 'GB', 'TB'].indexOf(m[2]!);
}

/** "00:00:02.93644" (an interval as PostgreSQL prints it) → seconds. */
export function intervalSeconds(text: string | null | undefined, what: string): number {
  const m = /^(\d+):(\d\d):(\d\d(?:\.\d+)?)$/.exec(text ?? '');
  if (!m) throw new ClaimFailed(`${what}: "${text}" is not an interval of hours, minutes and seconds`);
  return Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3]);
}

/** An LSN ("0/3032898") that a pattern's first group finds, as a number to compare. */
export function lsnOf(text: string, pattern: RegExp, what: string): bigint {
  const [high, low] = matches(text, pattern, what)[1]!.split('/');
  return (BigInt(`0x${high}`) << 32n) + BigInt(`0x${low}`);
}
