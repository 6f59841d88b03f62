// A SQL result as psql prints it — aligned columns, numbers to the right, "(3 rows)" — so the handout reads like the
// terminal an interviewer watches. A table wider than the page is printed as psql's `\x auto` would: expanded, a
// record per block, so no column is ever cut.
import { NUMERIC_TYPES, commandTag } from '../../../shared/run-text';
import type { SqlResult } from '../../../shared/types';

const width = (text: string) => [...text].length;
const pad = (text: string, to: number, right: boolean) => (right ? ' '.repeat(to - width(text)) + text : text + ' '.repeat(to - width(text)));

/** A cell's lines (a value may hold newlines); NULL prints empty, as in psql. */
const cellLines = (value: string | null) => (value ?? '').split('\n');

function aligned(result: SqlResult): string[] {
  const right = result.fields.map((f) => NUMERIC_TYPES.has(f.type));
  const widths = result.fields.map((f, c) => Math.max(width(f.name), ...result.rows.flatMap((r) => cellLines(r[c] ?? null).map(width))));
  const header = result.fields.map((f, c) => {
    const left = Math.floor((widths[c]! - width(f.name)) / 2);
    return pad(' '.repeat(left) + f.name, widths[c]!, false);
  });
  const lines = [` ${header.join(' | ')} `.trimEnd(), widths.map((w) => '-'.repeat(w + 2)).join('+')];
  for (const row of result.rows) {
    const cells = row.map(cellLines);
    const height = Math.max(1, ...cells.map((c) => c.length));
    for (let l = 0; l < height; l++) {
      lines.push(` ${cells.map((c, i) => pad(c[l] ?? '', widths[i]!, right[i]!)).join(' | ')} `.trimEnd());
    }
  }
  return lines;
}

function expanded(result: SqlResult): string[] {
  const nameWidth = Math.max(...result.fields.map((f) => width(f.name)));
  return result.rows.flatMap((row, r) => [
    `-[ RECORD ${r + 1} ]${'-'.repeat(Math.max(0, nameWidth - 11))}+${'-'.repeat(8)}`,
    ...result.fields.flatMap((f, c) => cellLines(row[c] ?? null).map((line, l) => `${pad(l ? '' : f.name, nameWidth, false)} | ${line}`.trimEnd())),
  ]);
}

/** The result's lines, aligned, or expanded when an aligned line would pass `maxWidth` characters. */
export function psqlText(result: SqlResult, maxWidth: number): string {
  if (result.command === 'ECHO') return result.rows.map((r) => r[0] ?? '').join('\n');
  if (!result.fields.length) return commandTag(result);
  const table = aligned(result);
  const lines = Math.max(...table.map(width)) > maxWidth ? expanded(result) : table;
  return [...lines, commandTag(result)].join('\n');
}
