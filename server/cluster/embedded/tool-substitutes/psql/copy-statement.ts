// Which statements psql 15 reads data lines for: a COPY … FROM STDIN takes the lines after it when it runs, and when
// it fails before it could (no such table, a syntax error, an earlier statement of the same -c failing) psql still
// reads them and drops them, so they never run as SQL. psql tells such a statement by its words, not by the server's
// answer; seen with psql 15.20 (psql-matches-real.test.ts): the first word COPY, and FROM STDIN (or FROM STDOUT, which
// the server takes for STDIN) outside parentheses, quotes and comments.
import { skipBlockComment, splitScript } from '../../../../runner/sql/split-script';

interface Word {
  word: string;
  depth: number;
}

/** The statement's unquoted words (lower case) with their parenthesis depth; anything else is an empty word. */
function words(statement: string): Word[] {
  const found: Word[] = [];
  let depth = 0;
  let i = 0;
  while (i < statement.length) {
    const ch = statement[i]!;
    const rest = statement.slice(i);
    if (/\s/.test(ch)) {
      i++;
    } else if (rest.startsWith('--')) {
      const eol = statement.indexOf('\n', i);
      i = eol < 0 ? statement.length : eol;
    } else if (rest.startsWith('/*')) {
      i = skipBlockComment(statement, i);
    } else if (/[A-Za-z_\x80-\uffff]/.test(ch)) {
      const word = /^[A-Za-z_\x80-\uffff][A-Za-z0-9_$\x80-\uffff]*/.exec(rest)![0];
      // E'…' and friends are quotes, not words
      if (statement[i + word.length] === "'") {
        i += word.length;
        continue;
      }
      found.push({ word: word.toLowerCase(), depth });
      i += word.length;
    } else {
      const quote = /^(?:'(?:[^']|'')*'|"(?:[^"]|"")*"|(\$(?:[A-Za-z_][A-Za-z0-9_]*)?\$)[\s\S]*?\1)/.exec(rest)?.[0];
      if (ch === '(') depth++;
      if (ch === ')') depth--;
      found.push({ word: '', depth });
      i += quote ? quote.length : 1;
    }
  }
  return found;
}

export function isCopyFromStdin(statement: string): boolean {
  const all = words(statement);
  if (all[0]?.word !== 'copy') return false;
  return all.some((w, i) => w.word === 'from' && w.depth === 0
    && (all[i + 1]?.word === 'stdin' || all[i + 1]?.word === 'stdout') && all[i + 1]!.depth === 0);
}

/** How many of the statements in one query string are COPY … FROM STDIN, as psql counts them. */
export function copiesFromStdin(query: string): number {
  return splitScript(query).filter((item) => item.kind === 'sql' && isCopyFromStdin(item.text)).length;
}
