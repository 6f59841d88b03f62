// Screen columns of text the way psql counts them (PostgreSQL's ucs_wcwidth and pg_wcsformat): control characters have
// no width of their own and are shown escaped, combining marks take none, East Asian wide and fullwidth ones take two.
import { eastAsianWidth } from 'get-east-asian-width';

const COMBINING = /^[\p{Mn}\p{Me}]$/u;

/** -1 for control characters, as ucs_wcwidth says */
export function charWidth(codePoint: number): number {
  if (codePoint === 0) return 0;
  if (codePoint < 0x20 || (codePoint >= 0x7f && codePoint < 0xa0)) return -1;
  if (COMBINING.test(String.fromCodePoint(codePoint))) return 0;
  return eastAsianWidth(codePoint);
}

export interface FormattedLine {
  text: string;
  width: number;
}

/**
 * A value as the aligned format prints it (pg_wcsformat): one entry per line, tabs expanded to the next multiple of 8,
 * \r shown as "\r", other control characters as \xHH (or \uHHHH beyond ASCII).
 */
export function formatLines(value: string): FormattedLine[] {
  const lines: FormattedLine[] = [];
  let text = '';
  let width = 0;
  for (const ch of value) {
    const cp = ch.codePointAt(0)!;
    if (ch === '\n') {
      lines.push({ text, width });
      text = '';
      width = 0;
    } else if (ch === '\r') {
      text += '\\r';
      width += 2;
    } else if (ch === '\t') {
      do {
        text += ' ';
        width++;
      } while (width % 8 !== 0);
    } else {
      const w = charWidth(cp);
      if (w < 0) {
        const escaped = cp < 0x80
          ? `\\x${cp.toString(16).toUpperCase().padStart(2, '0')}`
          : `\\u${cp.toString(16).toUpperCase().padStart(4, '0')}`;
        text += escaped;
        width += escaped.length;
      } else {
        text += ch;
        width += w;
      }
    }
  }
  lines.push({ text, width });
  return lines;
}

/** Screen width of a string without newlines, control characters counted as one column (libpq's error cursor). */
export function cursorWidth(ch: string): number {
  const w = charWidth(ch.codePointAt(0)!);
  return w <= 0 ? 1 : w;
}
