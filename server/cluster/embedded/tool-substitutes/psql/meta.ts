// psql's backslash commands: which ones this psql runs (as psql 15 does: \echo, \qecho, \warn, \timing, \q and a bare \g),
// which ones it refuses before a script starts (every other command psql knows), and psql's "invalid command" for the
// rest. Running a line stops at a command that fails, as psql drops the rest of its line then.
import { parseBool } from './options';
import type { Locus, Logger, Output } from './output';
import { metaCommandAt, Refusal, type MetaCommand } from './meta-line';

// every backslash command of psql 15 (\bind came with 16: psql 15 calls it invalid)
const PSQL_COMMANDS = new Set([
  'a', 'c', 'connect', 'C', 'cd', 'conninfo', 'copy', 'copyright', 'crosstabview', 'e', 'edit', 'echo', 'ef', 'ev',
  'encoding', 'errverbose', 'f', 'g', 'gdesc', 'getenv', 'gexec', 'gset', 'gx', 'h', 'help', 'H', 'html', 'i',
  'include', 'if', 'elif', 'else', 'endif', 'ir', 'include_relative', 'l', 'list', 'o', 'out', 'p', 'print',
  'password', 'prompt', 'pset', 'q', 'quit', 'qecho', 'r', 'reset', 's', 'set', 'setenv', 'sf', 'sv', 't', 'T',
  'timing', 'unset', 'w', 'write', 'warn', 'watch', 'x', 'z', '!', '?', 'lo_export', 'lo_import', 'lo_list',
  'lo_unlink',
]);
const isPsqlCommand = (name: string) => PSQL_COMMANDS.has(name) || /^(?:d|l\+|list\+|lo_|s[fv]\+?$)/.test(name);

const RUNS_HERE = new Set(['echo', 'qecho', 'warn', 'timing', 'q', 'quit']);

export function notSupported(what: string): string {
  return `${what} is not supported by this psql (the project's own, used because PostgreSQL's client is not installed), `
    + 'so nothing was run; install the PostgreSQL client (Debian: postgresql-client) for it';
}

/**
 * Where a backslash line stands: in a script each of its commands runs (a bare \g never reaches here, it ends a
 * statement); psql -c runs only the line's first command, and a bare \g there sends nothing (there is no query).
 */
export type MetaMode = 'script' | 'command';

/**
 * What this psql cannot do on a backslash line as psql would (the line from its first backslash, without its newline),
 * and whether the line quits (what follows it never runs).
 */
export function checkMetaLine(line: string, variables: ReadonlySet<string>, mode: MetaMode): { refusal?: string; quits: boolean } {
  let at = 0;
  while (at < line.length && (mode === 'script' || at === 0)) {
    let command: MetaCommand;
    try {
      command = metaCommandAt(line, at, variables);
    } catch (err) {
      if (err instanceof Refusal) return { refusal: notSupported(`${err.message} in a backslash command`), quits: false };
      throw err;
    }
    const { name, args } = command;
    // in a script psql's lexer takes "\;" (statements sent as one query) and "\:" (a plain colon) as SQL
    if (mode === 'script' && /^[;:]/.test(name)) return { refusal: notSupported(`\\${name[0]} in SQL`), quits: false };
    if (name === 'g' && mode === 'command' && args.length === 0) break;
    if (name === 'g' || name === 'gx') {
      // a bare \g alone on its line ends a statement (the splitter's); here it has an argument or shares its line
      const how = args.length > 0 ? ' with an argument' : name === 'g' ? ' after another backslash command on its line' : '';
      return { refusal: notSupported(`\\${name}${how}`), quits: false };
    }
    // psql's "invalid command", or \timing with a wrong value: the command fails and psql drops the rest of the line
    if (!isPsqlCommand(name) || (name === 'timing' && args[0] && parseBool(args[0].value) === undefined)) break;
    if (!RUNS_HERE.has(name)) return { refusal: notSupported(`\\${name}`), quits: false };
    if (name === 'q' || name === 'quit') return { quits: true };
    at = command.end;
  }
  return { quits: false };
}

export interface MetaContext {
  output: Output;
  log: Logger;
  quiet: boolean;
  variables: ReadonlySet<string>;
  timing: boolean;
}

/** Runs the commands of one backslash line (found acceptable by checkMetaLine before the run). */
export function runMetaLine(line: string, mode: MetaMode, locus: Locus | undefined, context: MetaContext): 'ok' | 'error' | 'quit' {
  const { output, log } = context;
  const extra = (name: string, args: { value: string }[]) => {
    for (const arg of args) log.warning(`\\${name}: extra argument "${arg.value}" ignored`, locus);
  };
  let at = 0;
  while (at < line.length && (mode === 'script' || at === 0)) {
    let command: MetaCommand;
    try {
      command = metaCommandAt(line, at, context.variables);
    } catch (err) {
      // reached only where a script took another turn than the check foresaw (a COPY that failed to start)
      if (!(err instanceof Refusal)) throw err;
      log.error(notSupported(`${err.message} in a backslash command`), locus);
      return 'error';
    }
    const { name, args } = command;
    at = command.end;
    // psql -c '\g': there is no query to send
    if (name === 'g' && mode === 'command' && args.length === 0) continue;
    switch (name) {
      case 'echo':
      case 'qecho':
      case 'warn': {
        const noNewline = args[0]?.value === '-n' && !args[0].quoted;
        const text = `${args.slice(noNewline ? 1 : 0).map((a) => a.value).join(' ')}${noNewline ? '' : '\n'}`;
        if (name === 'warn') output.err(text);
        else output.out(text);
        break;
      }
      case 'timing': {
        let failed = false;
        if (args[0] === undefined) {
          context.timing = !context.timing;
        } else {
          const value = parseBool(args[0].value);
          if (value === undefined) {
            log.error(`unrecognized value "${args[0].value}" for "\\timing": Boolean expected`, locus);
            failed = true;
          } else {
            context.timing = value;
          }
        }
        if (!context.quiet) output.out(`Timing is ${context.timing ? 'on' : 'off'}.\n`);
        if (failed) return 'error';
        extra(name, args.slice(1));
        break;
      }
      case 'q':
      case 'quit':
        extra(name, args);
        return 'quit';
      default:
        if (isPsqlCommand(name)) {
          // as above: refused before the run, unless the script took another turn
          log.error(notSupported(`\\${name}`), locus);
        } else {
          log.error(`invalid command \\${name}`, locus);
        }
        return 'error';
    }
  }
  return 'ok';
}
