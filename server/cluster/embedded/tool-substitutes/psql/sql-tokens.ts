// SQL cut into the pieces psql's lexer tells apart, as far as this psql needs them: words (lower case), quoted
// strings and identifiers, and single characters, each with its place and parenthesis depth; blanks and comments
// dropped. Used to see what psql sees in a statement without running it (a COPY … FROM STDIN, a :variable).
import { skipBlockComment } from '../../../../runner/sql/split-script';

export interface SqlToken {
  kind: 'word' | 'quoted' | 'other';
  /** the word in lower case; the quoted text with its quotes; the character */
  text: string;
  start: number;
  end: number;
  depth: number;
}

const WORD = /[A-Za-z_\x80-\uffff][A-Za-z0-9_$\x80-\uffff]*/y;
// '…' (with '' inside; E'…' also with backslash escapes), "…", $tag$…$tag$
const QUOTED = /(?:[Ee]'(?:[^'\\]|\\[\s\S]|'')*'?|'(?:[^']|'')*'?|"(?:[^"]|"")*"?|(\$(?:[A-Za-z_][A-Za-z0-9_]*)?\$)[\s\S]*?(?:\1|$))/y;

export function sqlTokens(sql: string): SqlToken[] {
  const tokens: SqlToken[] = [];
  let depth = 0;
  let i = 0;
  while (i < sql.length) {
    const ch = sql[i]!;
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    if (sql.startsWith('--', i)) {
      const eol = sql.indexOf('\n', i);
      i = eol < 0 ? sql.length : eol;
      continue;
    }
    if (sql.startsWith('/*', i)) {
      i = skipBlockComment(sql, i);
      continue;
    }
    QUOTED.lastIndex = i;
    const quoted = /['"$]/.test(ch) || /^[Ee]'/.test(sql.slice(i, i + 2)) ? QUOTED.exec(sql)?.[0] : undefined;
    if (quoted) {
      tokens.push({ kind: 'quoted', text: quoted, start: i, end: i + quoted.length, depth });
      i += quoted.length;
      continue;
    }
    WORD.lastIndex = i;
    const word = WORD.exec(sql)?.[0];
    if (word) {
      tokens.push({ kind: 'word', text: word.toLowerCase(), start: i, end: i + word.length, depth });
      i += word.length;
      continue;
    }
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    tokens.push({ kind: 'other', text: ch, start: i, end: i + 1, depth });
    i++;
  }
  return tokens;
}
