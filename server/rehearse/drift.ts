// Drift: how a block's live result differs from its recording in what the slide shows — the shape (a SQL run's
// results, their command tags, columns and row counts; a shell run's exit), whether it failed and how, and the
// figures the demo quotes from it, each within a stated tolerance (FIGURE_TOLERANCE). Values that change with every
// run (a timestamp, an LSN, a pid) are not compared: a PostgreSQL upgrade or a changed snippet shows in the shape.
import { figureValue } from '../../shared/figure-value';
import { failureOf } from '../../shared/run-text';
import type { Recording, RunResponse } from '../../shared/types';
import type { DemoDefinition, DemoFigure } from './demo-definition';
import type { BlockOutcome } from './rehearse';
import { snippetHash } from './recordings';

export interface BlockDrift {
  snippet: string;
  /** each difference in one line: what the recording showed → what the live run showed */
  differences: string[];
}

/**
 * A quoted figure drifted when live and recorded differ by more than this factor either way and by more than `floor`
 * of its own kind: the demos' figures are timings, rates and sizes measured on a shared machine, which vary run to
 * run by a factor well under this (two rehearsals on this machine: a pg_rewind step took 1.3 s and 4.3 s); a figure
 * that moves past both is what a note would misstate.
 */
export const FIGURE_TOLERANCE = { factor: 3, floor: { seconds: 5, bytes: 1024 * 1024, count: 10 } } as const;

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

/** ok, or how it failed (a SQL error with its message's first line) */
function outcome(result: RunResponse): string {
  if (result.ok) return 'ok';
  const message = result.kind === 'sql' ? result.error?.message.split('\n')[0] : undefined;
  return message ? `${failureOf(result)} (${message})` : failureOf(result);
}

/** The shape of a result: what a reader of the slide sees laid out, whatever the values. */
export function resultDrift(recorded: RunResponse, live: RunResponse): string[] {
  if (recorded.kind !== live.kind) return [`a ${recorded.kind} run → a ${live.kind} run`];
  const out: string[] = [];
  if (outcome(recorded) !== outcome(live)) out.push(`${outcome(recorded)} → ${outcome(live)}`);
  if (recorded.kind !== 'sql' || live.kind !== 'sql') return out;
  if (recorded.results.length !== live.results.length) {
    out.push(`${plural(recorded.results.length, 'result')} → ${live.results.length}`);
  }
  recorded.results.slice(0, live.results.length).forEach((was, i) => {
    const now = live.results[i]!;
    const which = recorded.results.length > 1 ? `result ${i + 1}: ` : '';
    if (was.command !== now.command) out.push(`${which}command ${was.command} → ${now.command}`);
    const columns = (r: typeof was) => r.fields.map((f) => f.name).join(', ');
    if (columns(was) !== columns(now)) out.push(`${which}columns (${columns(was)}) → (${columns(now)})`);
    const rows = (r: typeof was) => r.rowCount ?? r.rows.length;
    if (rows(was) !== rows(now)) out.push(`${which}${plural(rows(was), 'row')} → ${rows(now)}`);
  });
  return out;
}

type Measure = { value: number; kind: keyof typeof FIGURE_TOLERANCE.floor };
const SIZE_UNITS = ['bytes', 'kB', 'MB', 'GB', 'TB'];

/** A figure as a number of its kind (pg_size_pretty sizes in bytes, "1.2 s" or a seconds figure, else a count). */
function measure(text: string, figure: DemoFigure): Measure | undefined {
  const m = /^(-?[\d,]*\.?\d+)\s*([A-Za-z]*)/.exec(text.trim());
  if (!m) return undefined;
  const value = Number(m[1]!.replace(/,/g, ''));
  if (!Number.isFinite(value)) return undefined;
  const unit = m[2]!;
  if (SIZE_UNITS.includes(unit)) return { value: value * 1024 ** SIZE_UNITS.indexOf(unit), kind: 'bytes' };
  if (unit === 's' || unit === 'ms' || figure.unit === 's' || figure.duration) {
    return { value: unit === 'ms' ? value / 1000 : value, kind: 'seconds' };
  }
  return { value, kind: 'count' };
}

const durationText = (result: RunResponse) => `${(result.durationMs / 1000).toFixed(2)} s`;

/** Whether a quoted figure moved past FIGURE_TOLERANCE: a sentence when it did. */
export function figureDrift(figure: DemoFigure, recorded: RunResponse, live: RunResponse): string | undefined {
  const read = (r: RunResponse) => (figure.duration ? durationText(r) : figureValue(r, figure));
  const was = read(recorded);
  const now = read(live);
  if (was === undefined && now === undefined) return undefined;
  const said = `${figure.label} ${was ?? '(none)'} → ${now ?? '(none)'}`;
  if (was === undefined || now === undefined) return said;
  const [a, b] = [measure(was, figure), measure(now, figure)];
  if (!a || !b || a.kind !== b.kind) return was === now ? undefined : said;
  const apart = Math.abs(a.value - b.value);
  const ratio = Math.max(Math.abs(a.value), Math.abs(b.value)) / Math.max(Math.min(Math.abs(a.value), Math.abs(b.value)), Number.MIN_VALUE);
  const drifted = apart > FIGURE_TOLERANCE.floor[a.kind] && ratio > FIGURE_TOLERANCE.factor;
  return drifted ? `${said} (more than ×${FIGURE_TOLERANCE.factor} apart)` : undefined;
}

/** Each block of a rehearsed demo that drifted from its recording, and how; [] when nothing did. */
export function demoDrift(blocks: readonly BlockOutcome[], definition: DemoDefinition, recordings: ReadonlyMap<string, Recording>,
  /** each block's text as it ran, to say when it changed since its recording */
  textOf: (snippet: string) => string | undefined): BlockDrift[] {
  return blocks.flatMap(({ snippet, result }) => {
    const recording = recordings.get(snippet);
    if (!recording) return [{ snippet, differences: ['no recording to compare with'] }];
    const differences = [
      ...resultDrift(recording.result, result),
      ...definition.figures.filter((f) => f.snippet === snippet).flatMap((f) => figureDrift(f, recording.result, result) ?? []),
    ];
    if (!differences.length) return [];
    const text = textOf(snippet);
    if (text !== undefined && snippetHash(text) !== recording.snippetSha256) differences.push('(its text changed since the recording)');
    return [{ snippet, differences }];
  });
}

/** Rehearse's lines about one demo's drift. */
export function driftLines(drifts: readonly BlockDrift[], recordedAt?: string): string[] {
  const against = `recordings/${recordedAt ? ` (${recordedAt.slice(0, 10)})` : ''}`;
  if (!drifts.length) return [`  no drift from ${against}`];
  return [`  drifted from ${against}: ${plural(drifts.length, 'block')}`,
    ...drifts.flatMap((d) => [`    ${d.snippet}`, ...d.differences.map((line) => `      ${line}`)])];
}
