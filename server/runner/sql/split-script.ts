// Splits a psql-style script into SQL statements and backslash meta-commands, the way `psql -f` reads a file.
//
// Why a small lexer and not a library: the npm splitters we looked at (dbgate-query-splitter, split-pg-sql…) know
// dollar quotes but not psql's meta-commands, E'' backslash escapes, nested block comments or where each statement
// starts in the text — and we need that offset to turn a server error's `position` into one in the whole snippet.
//
// Rules (from psql's lexer, psqlscan.l): `;` ends a statement unless it is inside parentheses, a quote, a dollar quote
// or a comment; a backslash outside those starts a meta-command that runs at once and ends at the end of its line;
// `\g` ends the statement like `;`. Comments before a statement are dropped, comments inside it are sent.
// Not handled: psql variables (`:name`), `BEGIN ATOMIC … END` function bodies (PostgreSQL 14+) containing `;`.

export interface SqlStatement {
  kind: 'sql';
  /** the text sent to the server: a slice of the script, meta-commands inside it blanked to spaces */
  text: string;
  /** index in the script of text[0], so server positions map back 1:1 */
  offset: number;
}

export interface MetaCommand {
  kind: 'meta';
  /** without the backslash: "timing", "echo", "d" */
  name: string;
  args: string[];
  offset: number;
}

export type ScriptItem = SqlStatement | MetaCommand;

const IDENTIFIER_CHAR = /[\p{L}\p{N}_$]/u;
const DOLLAR_TAG = /\$(?:[\p{L}_][\p{L}\p{N}_]*)?\$/uy;

function isIdentifierChar(ch: string | undefined): boolean {
  return ch !== undefined && IDENTIFIER_CHAR.test(ch);
}

/** index just after the closing quote (or the end of the text when it is never closed) */
function skipQuoted(text: string, start: number, quote: string, backslashEscapes: boolean): number {
  let i = start + 1;
  while (i < text.length) {
    const ch = text[i];
    if (backslashEscapes && ch === '\\') {
      i += 2;
    } else if (ch === quote) {
      if (text[i + 1] === quote) i += 2;
      else return i + 1;
    } else {
      i++;
    }
  }
  return text.length;
}

/** PostgreSQL's block comments nest: the index just after the one at `start` (or the end of the text) */
export function skipBlockComment(text: string, start: number): number {
  let depth = 0;
  let i = start;
  while (i < text.length) {
    if (text.startsWith('/*', i)) {
      depth++;
      i += 2;
    } else if (text.startsWith('*/', i)) {
      depth--;
      i += 2;
      if (depth === 0) return i;
    } else {
      i++;
    }
  }
  return text.length;
}

/** psql's option parsing, reduced: words split on blanks; '…' quotes with '' and \n \t \\ escapes */
export function parseMetaArgs(raw: string): string[] {
  const args: string[] = [];
  let i = 0;
  while (i < raw.length) {
    while (i < raw.length && /\s/.test(raw[i]!)) i++;
    if (i >= raw.length) break;
    let word = '';
    while (i < raw.length && !/\s/.test(raw[i]!)) {
      if (raw[i] !== "'") {
        word += raw[i++];
        continue;
      }
      i++;
      while (i < raw.length) {
        const ch = raw[i]!;
        if (ch === "'" && raw[i + 1] === "'") {
          word += "'";
          i += 2;
        } else if (ch === "'") {
          i++;
          break;
        } else if (ch === '\\' && i + 1 < raw.length) {
          const escaped = raw[i + 1]!;
          word += ({ n: '\n', t: '\t', r: '\r' } as Record<string, string>)[escaped] ?? escaped;
          i += 2;
        } else {
          word += ch;
          i++;
        }
      }
    }
    args.push(word);
  }
  return args;
}

export function splitScript(script: string): ScriptItem[] {
  const items: ScriptItem[] = [];
  let start = -1;
  let parenDepth = 0;
  let blanks: Array<[number, number]> = [];

  const endStatement = (end: number) => {
    if (start >= 0) {
      let text = script.slice(start, end);
      for (const [from, to] of blanks) {
        text = text.slice(0, from - start) + ' '.repeat(to - from) + text.slice(to - start);
      }
      text = text.trimEnd();
      if (text.trim()) items.push({ kind: 'sql', text, offset: start });
    }
    start = -1;
    parenDepth = 0;
    blanks = [];
  };

  let i = 0;
  while (i < script.length) {
    const ch = script[i]!;
    if (/\s/.test(ch)) {
      i++;
    } else if (script.startsWith('--', i)) {
      const eol = script.indexOf('\n', i);
      i = eol < 0 ? script.length : eol;
    } else if (script.startsWith('/*', i)) {
      i = skipBlockComment(script, i);
    } else if (ch === '\\') {
      const eol = script.indexOf('\n', i);
      const end = eol < 0 ? script.length : eol;
      const line = script.slice(i + 1, end);
      const name = /^[^\s\\]*/.exec(line)![0];
      const args = parseMetaArgs(line.slice(name.length));
      if ((name === 'g' || name === 'gx') && args.length === 0) {
        if (start >= 0) blanks.push([i, end]);
        endStatement(end);
      } else {
        // a meta-command in the middle of a statement runs at once; the statement goes on after it
        if (start >= 0) blanks.push([i, end]);
        items.push({ kind: 'meta', name, args, offset: i });
      }
      i = end;
    } else if (ch === ';') {
      if (parenDepth === 0) endStatement(i);
      i++;
    } else {
      if (start < 0) start = i;
      if (ch === '(') parenDepth++;
      if (ch === ')') parenDepth = Math.max(0, parenDepth - 1);
      if (ch === "'") {
        const escapeString = /[eE]/.test(script[i - 1] ?? '') && !isIdentifierChar(script[i - 2]);
        i = skipQuoted(script, i, "'", escapeString);
      } else if (ch === '"') {
        i = skipQuoted(script, i, '"', false);
      } else if (ch === '$' && !isIdentifierChar(script[i - 1])) {
        DOLLAR_TAG.lastIndex = i;
        const tag = DOLLAR_TAG.exec(script)?.[0];
        if (tag) {
          const close = script.indexOf(tag, i + tag.length);
          i = close < 0 ? script.length : close + tag.length;
        } else {
          i++;
        }
      } else {
        i++;
      }
    }
  }
  endStatement(script.length);
  return items;
}
