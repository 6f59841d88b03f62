// Which statements psql 15 reads data lines for: a COPY … FROM STDIN takes the lines after it when it runs, and when
// it fails before it could (no such table, a syntax error, an earlier statement of the same -c failing) psql still
// reads them and drops them, so they never run as SQL. psql tells such a statement by its words, not by the server's
// answer; seen with psql 15.20 (psql-matches-real.test.ts): the first word COPY, and FROM STDIN (or FROM STDOUT, which
// the server takes for STDIN) outside parentheses, quotes and comments.
import { splitScript } from '../../../../runner/sql/split-script';
import { sqlTokens } from './sql-tokens';

export function isCopyFromStdin(statement: string): boolean {
  const tokens = sqlTokens(statement);
  const word = (i: number, ...words: string[]) => tokens[i]?.kind === 'word' && tokens[i]!.depth === 0 && words.includes(tokens[i]!.text);
  return word(0, 'copy') && tokens.some((_, i) => word(i, 'from') && word(i + 1, 'stdin', 'stdout'));
}

/** How many of the statements in one query string are COPY … FROM STDIN, as psql counts them. */
export function copiesFromStdin(query: string): number {
  return splitScript(query).filter((item) => item.kind === 'sql' && isCopyFromStdin(item.text)).length;
}
