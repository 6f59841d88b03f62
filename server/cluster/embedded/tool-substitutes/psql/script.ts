// A script (-f FILE or stdin) read the way psql's main loop reads it, step by step, by the sidecar's own splitter: per
// statement the text as psql's query buffer holds it and the line psql reports in "psql:FILE:LINE:" (where the statement
// ended); each backslash line; a `;` or bare \g with nothing before it (psql sends its empty buffer, or with \g the
// previous query again). A COPY … FROM STDIN takes the lines after its statement (takeCopyData): they leave the script,
// and the reading goes on after them.
import { skipBlockComment, splitScript, type ScriptItem } from '../../../../runner/sql/split-script';
import { copyDataAt, type CopyData } from './copy-data';

export type ScriptStep =
  | {
    kind: 'sql';
    /** what is sent; null for a bare \g with nothing in the buffer: psql sends the previous query again */
    text: string | null;
    /** how it was ended: `;`, \g, \gx or the end of the script */
    terminator: 'semicolon' | 'g' | 'gx' | 'end';
    line: number;
    /** where a COPY … FROM STDIN's data begins: the line after the terminator's */
    dataFrom: number;
  }
  | { kind: 'meta'; /** from the backslash to the end of its line */ source: string; line: number };

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

const endOfLine = (script: string, from: number) => {
  const eol = script.indexOf('\n', from);
  return eol < 0 ? script.length : eol;
};

/** A bare \g or \gx at `at` (nothing else on its line): what the splitter takes for the end of a statement. */
function bareG(script: string, at: number): 'g' | 'gx' | undefined {
  const match = /^\\g(x?)[ \t\r\f\v]*$/.exec(script.slice(at, endOfLine(script, at)));
  return match ? (match[1] ? 'gx' : 'g') : undefined;
}

/** The `;` or bare \g that ended the statement whose text ends at `from`, or undefined at the end of the script. */
function terminatorAfter(script: string, from: number): { at: number; kind: 'semicolon' | 'g' | 'gx' } | undefined {
  let i = from;
  while (i < script.length) {
    const ch = script[i]!;
    if (ch === ';') return { at: i, kind: 'semicolon' };
    if (/\s/.test(ch)) {
      i++;
    } else if (ch === '\\') {
      const g = bareG(script, i);
      if (g) return { at: i, kind: g };
      i = endOfLine(script, i);
    } else if (script.startsWith('--', i)) {
      i = endOfLine(script, i);
    } else {
      return undefined;
    }
  }
  return undefined;
}

/** psql drops leading blanks and `--` comments from its query buffer, but keeps a leading block comment. */
function bufferStart(script: string, from: number, statementStart: number): number {
  let i = from;
  while (i < statementStart) {
    if (/\s/.test(script[i]!)) i++;
    else if (script.startsWith('--', i)) i = endOfLine(script, i);
    else return i;
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

export class ScriptReader {
  #script: string;
  #lineAt: (index: number) => number;
  #items: ScriptItem[];
  #next = 0;
  /** index up to which the script has been read */
  #consumed = 0;
  /** lines taken out of the script by COPYs so far: psql counted them */
  #linesTaken = 0;

  constructor(script: string) {
    this.#script = script;
    this.#lineAt = lineCounter(script);
    this.#items = splitScript(script);
  }

  #line(index: number): number {
    return this.#lineAt(index) + this.#linesTaken;
  }

  /** psql counts the lines it has read: at the end of the script that is the last line, even without a final newline */
  #lastLine(): number {
    const script = this.#script;
    return this.#line(script.length) - (script.endsWith('\n') ? 1 : 0);
  }

  #dataFrom(terminator: number): number {
    return Math.min(this.#script.length, endOfLine(this.#script, terminator) + 1);
  }

  next(): ScriptStep | undefined {
    const item = this.#items[this.#next];
    const gap = this.#gapStep(item ? item.offset : this.#script.length);
    if (gap) return gap;
    if (!item) return undefined;
    this.#next++;
    const script = this.#script;
    if (item.kind === 'meta') {
      const eol = endOfLine(script, item.offset);
      this.#consumed = Math.max(this.#consumed, eol);
      return { kind: 'meta', source: script.slice(item.offset, eol), line: this.#line(item.offset) };
    }
    const start = bufferStart(script, this.#consumed, item.offset);
    const textEnd = item.offset + item.text.length;
    const terminator = terminatorAfter(script, textEnd);
    let text = script.slice(start, item.offset) + item.text;
    if (terminator?.kind === 'semicolon') text += script.slice(textEnd, terminator.at + 1).replace(/\\[^\n]*/g, '');
    // a \g takes its whole line
    this.#consumed = !terminator ? script.length
      : terminator.kind === 'semicolon' ? terminator.at + 1 : endOfLine(script, terminator.at);
    return {
      kind: 'sql',
      text: withoutEmptyLines(text),
      terminator: terminator?.kind ?? 'end',
      line: terminator ? this.#line(terminator.at) : this.#lastLine(),
      dataFrom: terminator ? this.#dataFrom(terminator.at) : script.length,
    };
  }

  /**
   * What psql sends between the last step and the next item (up to `limit`): a `;` or bare \g with nothing but blanks
   * and comments before it. A block comment stays in psql's buffer, and is sent.
   */
  #gapStep(limit: number): ScriptStep | undefined {
    const script = this.#script;
    let commentStart: number | undefined;
    let i = this.#consumed;
    while (i < limit) {
      const ch = script[i]!;
      if (/\s/.test(ch)) {
        i++;
      } else if (script.startsWith('--', i)) {
        i = endOfLine(script, i);
      } else if (script.startsWith('/*', i)) {
        commentStart ??= i;
        i = skipBlockComment(script, i);
      } else if (ch === ';') {
        this.#consumed = i + 1;
        return {
          kind: 'sql', text: withoutEmptyLines(script.slice(commentStart ?? i, i + 1)), terminator: 'semicolon',
          line: this.#line(i), dataFrom: this.#dataFrom(i),
        };
      } else {
        const g = ch === '\\' ? bareG(script, i) : undefined;
        if (!g) return undefined;
        this.#consumed = endOfLine(script, i);
        const buffered = commentStart === undefined ? null : withoutEmptyLines(script.slice(commentStart, i)).trimEnd();
        return { kind: 'sql', text: buffered, terminator: g, line: this.#line(i), dataFrom: this.#dataFrom(i) };
      }
    }
    return undefined;
  }

  /**
   * The data of a COPY … FROM STDIN sent by `step` (the last one returned): its lines leave the script, and the next
   * steps are read from what follows them.
   */
  takeCopyData(step: Extract<ScriptStep, { kind: 'sql' }>): CopyData {
    const script = this.#script;
    const copy = copyDataAt(script, step.dataFrom);
    this.#script = script.slice(0, step.dataFrom) + script.slice(copy.end);
    this.#linesTaken += copy.lines;
    this.#lineAt = lineCounter(this.#script);
    this.#items = splitScript(this.#script.slice(this.#consumed))
      .map((item) => ({ ...item, offset: item.offset + this.#consumed }));
    this.#next = 0;
    return copy;
  }
}
