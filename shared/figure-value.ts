// A figure quoted from a run's result: the slides' <RunFigure> and rehearse's table read figures the same way.
// Browser-safe (the deck bundles it).
import type { RunResponse } from './types';

/** Where in a result the figure is: a column of a SQL result, or the first group of a pattern over the output. */
export interface FigureSource {
  column?: string;
  pattern?: string;
}

/**
 * The figure, or undefined when the result does not hold it. A column is read from the first row of the last result
 * that has it (a script's last table is its point); a pattern runs over a shell run's stdout and stderr, or over a
 * SQL run's values, one per line.
 */
export function figureValue(result: RunResponse | undefined, source: FigureSource): string | undefined {
  if (!result) return undefined;
  if (result.kind === 'sql' && source.column) {
    for (const r of [...result.results].reverse()) {
      const i = r.fields.findIndex((f) => f.name === source.column);
      if (i >= 0 && r.rows.length) return r.rows[0]![i] ?? 'NULL';
    }
    return undefined;
  }
  const text = result.kind === 'shell' ? `${result.stdout}\n${result.stderr}` : result.results.flatMap((r) => r.rows.flat()).join('\n');
  return source.pattern ? new RegExp(source.pattern, 'm').exec(text)?.[1]?.trim() : undefined;
}
