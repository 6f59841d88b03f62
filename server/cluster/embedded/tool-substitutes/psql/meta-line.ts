// A backslash line as psql's slash-command lexer reads it (psqlscanslash.l): the command name runs to a blank or a
// backslash; each argument to a blank or an unquoted backslash, where the next command starts. '…' quotes take psql's
// escapes, "…" stays as written, quotes and plain text join into one argument. What this psql cannot do the same way
// (`…` shell commands, psql variables, the `\\` separator) is a Refusal, so the script is refused before it runs.
import { setVariableAt, VARIABLE_REFERENCE } from './variables';

export interface MetaArg {
  value: string;
  /** psql checks an unquoted "-n" only */
  quoted: boolean;
}

export interface MetaCommand {
  name: string;
  args: MetaArg[];
  /** index in the line after this command and its arguments: the next command's backslash, or the end */
  end: number;
}

/** Something on a backslash line that this psql cannot do as psql does. */
export class Refusal extends Error {}

const BLANK = /[ \t\n\r\f\v]/;
const ESCAPES: Record<string, string> = { n: '\n', t: '\t', b: '\b', r: '\r', f: '\f' };

/** The escapes of a '…' argument: \n \t \b \r \f, \ooo octal, \xhh hex, any other character as itself. */
function singleQuoted(line: string, start: number): { value: string; end: number } {
  let value = '';
  let i = start + 1;
  while (i < line.length) {
    const ch = line[i]!;
    if (ch === "'") {
      if (line[i + 1] !== "'") return { value, end: i + 1 };
      value += "'";
      i += 2;
    } else if (ch === '\\' && i + 1 < line.length) {
      const rest = line.slice(i + 1);
      const octal = /^[0-7]{1,3}/.exec(rest)?.[0];
      const hex = /^x([0-9A-Fa-f]{1,2})/.exec(rest);
      if (octal) {
        value += String.fromCharCode(Number.parseInt(octal, 8));
        i += 1 + octal.length;
      } else if (hex) {
        value += String.fromCharCode(Number.parseInt(hex[1]!, 16));
        i += 1 + hex[0].length;
      } else {
        value += ESCAPES[rest[0]!] ?? rest[0]!;
        i += 2;
      }
    } else {
      value += ch;
      i++;
    }
  }
  throw new Refusal('an unterminated quoted string');
}

/** The next argument from `start`, or undefined at the end of the command's arguments (end of line, or a backslash). */
function argument(line: string, start: number, variables: ReadonlySet<string>): { arg: MetaArg; end: number } | undefined {
  let i = start;
  while (i < line.length && BLANK.test(line[i]!)) i++;
  if (i >= line.length || line[i] === '\\') return undefined;
  let value = '';
  let quoted = false;
  while (i < line.length && !BLANK.test(line[i]!) && line[i] !== '\\') {
    const ch = line[i]!;
    if (ch === "'") {
      const part = singleQuoted(line, i);
      value += part.value;
      quoted = true;
      i = part.end;
    } else if (ch === '"') {
      const close = line.indexOf('"', i + 1);
      if (close < 0) throw new Refusal('an unterminated quoted string');
      value += line.slice(i, close + 1);
      quoted = true;
      i = close + 1;
    } else if (ch === '`') {
      throw new Refusal('a `…` shell command');
    } else if (ch === ':' && VARIABLE_REFERENCE.test(line.slice(i))) {
      // psql leaves a reference to a variable that is not set as it is, quotes included
      const reference = VARIABLE_REFERENCE.exec(line.slice(i))![0];
      if (setVariableAt(reference, variables)) throw new Refusal(`the psql variable ${reference}`);
      value += reference;
      i += reference.length;
    } else {
      value += ch;
      i++;
    }
  }
  return { arg: { value, quoted }, end: i };
}

/**
 * The command whose backslash is at `start` in `line` (one line, without its newline), with all its arguments.
 * `variables`: the names set with -v. Throws Refusal.
 */
export function metaCommandAt(line: string, start: number, variables: ReadonlySet<string>): MetaCommand {
  let i = start + 1;
  while (i < line.length && !BLANK.test(line[i]!) && line[i] !== '\\') i++;
  const name = line.slice(start + 1, i);
  if (name === '' && line[i] === '\\') throw new Refusal('the \\\\ separator');
  const args: MetaArg[] = [];
  for (let next = argument(line, i, variables); next; next = argument(line, i, variables)) {
    args.push(next.arg);
    i = next.end;
  }
  while (i < line.length && BLANK.test(line[i]!)) i++;
  return { name, args, end: i };
}
