// A script (-f FILE or stdin) cut into what psql sends and runs, by the sidecar's own splitter: per statement the text
// as psql's query buffer holds it, and the line psql reports in "psql:FILE:LINE:" (where the statement ended).
import { splitScript, type MetaCommand } from '../../../../runner/sql/split-script';

export type ScriptStep =
  | { kind: 'sql'; text: string; line: number }
  | { kind: 'meta'; meta: MetaCommand; line: number };

/** The line of each index, by binary search over the newlines' offsets: a script of 200,000 one-line statements (Demo 7's
 * writer) would take minutes counting from the start for each. */
function lineCounter(script: string): (index: number) => number {
  const newlines: number[] = [];
  for (let i = script.indexOf('\n'); i >= 0; i = script.indexOf('\n', i + 1)) newlines.push(i);
  return (index) => {
    // lines before index = newlines at offsets < index
    let low = 0;
    let high = newlines.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (newlines[mid]! < index) low = mid + 1;
      else high = mid;
    }
    return low + 1;
  };
}

/** Index of the `;` (or `\g`) that ended the statement whose text ends at `from`, or -1 at the end of the script. */
function terminatorAfter(script: string, from: number): number {
  let i = from;
  while (i < script.length) {
    const ch = script[i]!;
    if (ch === ';') return i;
    if (/\s/.test(ch)) {
      i++;
    } else if (ch === '\\') {
      if (/^\\gx?(?:\s|$)/.test(script.slice(i, i + 3))) return i;
      const eol = script.indexOf('\n', i);
      i = eol < 0 ? script.length : eol;
    } else if (script.startsWith('--', i)) {
      const eol = script.indexOf('\n', i);
      i = eol < 0 ? script.length : eol;
    } else {
      return -1;
    }
  }
  return -1;
}

/** psql drops leading blanks and `--` comments from its query buffer, but keeps a leading block comment. */
function bufferStart(script: string, from: number, statementStart: number): number {
  let i = from;
  while (i < statementStart) {
    if (/\s/.test(script[i]!)) {
      i++;
    } else if (script.startsWith('--', i)) {
      const eol = script.indexOf('\n', i);
      i = eol < 0 ? script.length : eol;
    } else {
      return i;
    }
  }
  return statementStart;
}

/** psql reads line by line and skips empty lines outside quotes: they never reach the server. */
function withoutEmptyLines(text: string): string {
  let out = '';
  let quote: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quote === null) {
      if (ch === "'" || ch === '"') quote = ch;
      else if (ch === '$') {
        const tag = /^\$(?:[A-Za-z_][A-Za-z0-9_]*)?\$/.exec(text.slice(i))?.[0];
        if (tag) {
          quote = tag;
          out += tag;
          i += tag.length - 1;
          continue;
        }
      } else if (ch === '\n' && text[i + 1] === '\n') {
        continue;
      }
    } else if (text.startsWith(quote, i)) {
      out += quote;
      i += quote.length - 1;
      quote = null;
      continue;
    }
    out += ch;
  }
  return out;
}

export function scriptSteps(script: string): ScriptStep[] {
  const lineAt = lineCounter(script);
  // psql counts the lines it has read: at the end of the script that is the last line, even without a final newline
  const lastLine = lineAt(script.length) - (script.endsWith('\n') ? 1 : 0);
  const steps: ScriptStep[] = [];
  let consumed = 0;
  for (const item of splitScript(script)) {
    if (item.kind === 'meta') {
      steps.push({ kind: 'meta', meta: item, line: lineAt(item.offset) });
      const eol = script.indexOf('\n', item.offset);
      consumed = Math.max(consumed, eol < 0 ? script.length : eol);
      continue;
    }
    const start = bufferStart(script, consumed, item.offset);
    const terminator = terminatorAfter(script, item.offset + item.text.length);
    const isSemicolon = terminator >= 0 && script[terminator] === ';';
    let text: string;
    if (isSemicolon) {
      text = script.slice(start, item.offset) + item.text + script.slice(item.offset + item.text.length, terminator + 1)
        .replace(/\\[^\n]*/g, '');
    } else {
      text = script.slice(start, item.offset) + item.text;
    }
    const line = terminator >= 0 ? lineAt(terminator) : lastLine;
    steps.push({ kind: 'sql', text: withoutEmptyLines(text), line });
    consumed = terminator >= 0 ? terminator + 1 : script.length;
  }
  return steps;
}
