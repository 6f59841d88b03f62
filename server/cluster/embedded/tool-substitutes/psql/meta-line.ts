// A backslash line as psql's slash-command lexer reads it (psqlscanslash.l): the command name runs to a blank or a
// backslash; each argument to a blank or an unquoted backslash, where the next command starts. '…' quotes take psql's
// escapes, "…" stays as written, quotes and plain text join into one argument. What this psql cannot do the same way
// (`…` shell commands, psql variables, the `\\` separator) is a Refusal, so the script is refused before it runs.

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

// the variables psql 15 sets itself (psql's own and the connection's); a reference to any of them, or to one set with
// -v, would be replaced by its value: this psql has no variables, so it refuses such a line instead
const PSQL_VARIABLES = [
  'AUTOCOMMIT', 'COMP_KEYWORD_CASE', 'DBNAME', 'ECHO', 'ECHO_HIDDEN', 'ENCODING', 'ERROR', 'FETCH_COUNT',
  'HIDE_TABLEAM', 'HIDE_TOAST_COMPRESSION', 'HISTCONTROL', 'HISTFILE', 'HISTSIZE', 'HOST', 'IGNOREEOF',
  'LASTOID', 'LAST_ERROR_MESSAGE', 'LAST_ERROR_SQLSTATE', 'ON_ERROR_ROLLBACK', 'ON_ERROR_STOP', 'PORT', 'PROMPT1',
  'PROMPT2', 'PROMPT3', 'QUIET', 'ROW_COUNT', 'SERVER_VERSION_NAME', 'SERVER_VERSION_NUM', 'SHOW_ALL_RESULTS',
  'SHOW_CONTEXT', 'SINGLELINE', 'SINGLESTEP', 'SQLSTATE', 'USER', 'VERBOSITY', 'VERSION', 'VERSION_NAME', 'VERSION_NUM',
];

const BLANK = /[ \t\n\r\f\v]/;
const VARIABLE = /^:(?:([A-Za-z0-9_\x80-\uffff]+)|'([A-Za-z0-9_\x80-\uffff]+)'|"([A-Za-z0-9_\x80-\uffff]+)"|\{\?([A-Za-z0-9_\x80-\uffff]+)\})/;
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
    } else if (ch === ':' && VARIABLE.test(line.slice(i))) {
      const match = VARIABLE.exec(line.slice(i))!;
      const name = match.slice(1).find((group) => group !== undefined)!;
      if (variables.has(name) || PSQL_VARIABLES.includes(name)) throw new Refusal(`the psql variable ${match[0]}`);
      value += match[0];
      i += match[0].length;
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
