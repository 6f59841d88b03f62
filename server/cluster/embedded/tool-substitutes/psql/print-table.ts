// A result table as psql prints it to a pipe: the aligned format (border 1, ASCII line style, no wrapping since a pipe
// has no width) or the unaligned one (-A), after PostgreSQL's fe_utils/print.c. NULL prints as an empty string.
import { BUILT_IN_TYPE_NAMES } from '../../../../runner/sql/type-names';
import { formatLines, type FormattedLine } from './display-width';

export interface TableFormat {
  aligned: boolean;
  tuplesOnly: boolean;
  fieldSeparator: string;
  recordSeparator: string;
}

export interface Column {
  name: string;
  dataTypeID: number;
}

// psql's column_type_alignment: numbers line up on the right, everything else on the left
const RIGHT_ALIGNED = new Set(['int2', 'int4', 'int8', 'float4', 'float8', 'numeric', 'oid', 'xid', 'xid8', 'cid', 'money']);

const isRightAligned = (oid: number) => RIGHT_ALIGNED.has(BUILT_IN_TYPE_NAMES[oid] ?? '');

export function footer(rowCount: number): string {
  return `(${rowCount} ${rowCount === 1 ? 'row' : 'rows'})`;
}

export function printTable(columns: Column[], rows: (string | null)[][], format: TableFormat): string {
  return format.aligned ? printAligned(columns, rows, format.tuplesOnly) : printUnaligned(columns, rows, format);
}

function printUnaligned(columns: Column[], rows: (string | null)[][], format: TableFormat): string {
  let out = '';
  let needRecordSep = false;
  if (!format.tuplesOnly) {
    out += columns.map((c) => c.name).join(format.fieldSeparator);
    needRecordSep = true;
  }
  for (const row of columns.length > 0 ? rows : []) {
    if (needRecordSep) out += format.recordSeparator;
    out += row.map((v) => v ?? '').join(format.fieldSeparator);
    needRecordSep = true;
  }
  if (!format.tuplesOnly) {
    if (needRecordSep) out += format.recordSeparator;
    out += footer(rows.length);
    needRecordSep = true;
  }
  // the last record ends with a newline whatever the record separator is
  if (needRecordSep) out += '\n';
  return out;
}

const spaces = (n: number) => ' '.repeat(Math.max(0, n));

function printAligned(columns: Column[], rows: (string | null)[][], tuplesOnly: boolean): string {
  const count = columns.length;
  const headers = columns.map((c) => formatLines(c.name));
  const cells = rows.map((row) => row.map((v) => formatLines(v ?? '')));
  const widths = columns.map((_, i) => Math.max(
    ...headers[i]!.map((l) => l.width),
    ...cells.map((row) => Math.max(...row[i]!.map((l) => l.width))),
  ));
  const right = columns.map((c) => isRightAligned(c.dataTypeID));
  let out = '';

  if (!tuplesOnly) {
    const height = Math.max(0, ...headers.map((h) => h.length));
    for (let line = 0; line < height; line++) {
      for (let i = 0; i < count; i++) {
        out += ' ';
        const text = headers[i]![line];
        if (text) {
          const free = widths[i]! - text.width;
          out += spaces(Math.floor(free / 2)) + text.text + spaces(Math.floor((free + 1) / 2));
          // "+" marks a header that goes on on the next line
          out += line < headers[i]!.length - 1 ? '+' : ' ';
        } else {
          out += spaces(widths[i]!) + ' ';
        }
        if (i < count - 1) out += '|';
      }
      out += '\n';
    }
    out += `-${widths.map((w) => '-'.repeat(w)).join('-+-')}-\n`;
  }

  // psql walks the cells, so a result without columns shows no row lines at all
  if (count > 0) for (const row of cells) out += alignedRow(row, widths, right);

  if (!tuplesOnly) out += `${footer(rows.length)}\n`;
  return `${out}\n`;
}

/** One row, over as many display lines as its tallest value needs; "+" marks a value that goes on below. */
function alignedRow(row: FormattedLine[][], widths: number[], right: boolean[]): string {
  const count = row.length;
  const height = Math.max(1, ...row.map((lines) => lines.length));
  let out = '';
  for (let line = 0; line < height; line++) {
    for (let j = 0; j < count; j++) {
      const last = j === count - 1;
      const text = row[j]![line];
      const continues = line + 1 < row[j]!.length;
      out += ' ';
      if (!text) {
        if (!last) out += spaces(widths[j]!);
      } else if (right[j]) {
        out += spaces(widths[j]! - text.width) + text.text;
      } else {
        out += text.text;
        if (!last || continues) out += spaces(widths[j]! - text.width);
      }
      if (continues) out += '+';
      else if (!last) out += ' ';
      if (!last) out += '|';
    }
    out += '\n';
  }
  return out;
}
