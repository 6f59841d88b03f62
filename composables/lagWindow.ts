// The stretch of a demo's recorded lag (recordings/demoN/lag.json) a chart shows: what the live chart (the last
// minute) showed when the presenter moved on — the next block started — which takes in the slide's own blocks from
// just before they started (marked: `step`); or, for a chart that follows a whole demo (its summary), all of it.
// Pure, so it is tested without a browser.
import type { LagRecording, NodeName } from '../shared/types';
import { LAG_WINDOW_MS, type LagPoint } from './useLagHistory';

/** What a chart shows of the lag before its slide's first block started at least: the state it started from. */
export const LEAD_MS = 5_000;

/** ms since the recording's start: shown from `from` to `to`; `step`: while the slide's blocks ran, up to `to`. */
export interface LagWindow { from: number; to: number; step?: number }

/**
 * `blocks`: the slide's blocks; none for the whole demo. Undefined when none of them ran in this recording. Never
 * before the demo's first block: until then the pair was being reset (the previous demo's roles, then none).
 */
export function lagWindow(lag: LagRecording, blocks: readonly string[]): LagWindow | undefined {
  const start = lag.blocks[0]?.from ?? 0;
  if (!blocks.length) return { from: start, to: lag.endsAt };
  const at = lag.blocks.flatMap((b, i) => (blocks.includes(b.snippet) ? [i] : []));
  if (!at.length) return undefined;
  const step = lag.blocks[at[0]!]!.from;
  const to = lag.blocks[at.at(-1)! + 1]?.from ?? lag.endsAt;
  return { from: Math.max(start, Math.min(step - LEAD_MS, to - LAG_WINDOW_MS)), to, step };
}

/**
 * Each standby's recorded points inside the window, one series per standby the recording holds (a pair's one, two
 * with two standbys: the format was per standby from the start, so older recordings read the same). A node that was a
 * standby only outside the window (the last demo's roles) draws no line.
 */
export function recordedSeries(lag: LagRecording, window: LagWindow): Partial<Record<NodeName, LagPoint[]>> {
  return Object.fromEntries(Object.entries(lag.series)
    .map(([name, points]) => [name, points!.filter(([t]) => t >= window.from && t <= window.to).map(([t, bytes, state]) => ({ t, bytes, state }))] as const)
    .filter(([, points]) => points.length > 0));
}
