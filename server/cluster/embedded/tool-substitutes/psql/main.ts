// The project's psql, for machines without PostgreSQL's client: the command line, the connection and the actions, with
// psql's exit codes (0 fine, 1 psql's own failure or a failed -c, 2 no or lost connection, 3 ON_ERROR_STOP in a script).
import { accessSync, constants } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { within } from '../../../../runner/sql/pg-client';
import { ConninfoError, resolveConnection } from './conninfo';
import { connect, ConnectError } from './connect';
import { parseBool, parseOptions, UnsupportedOption, UsageError, type PsqlOptions } from './options';
import { Logger, processOutput, type Output } from './output';
import { actionsRefusal, refusalLocus, scriptRefusal } from './preflight';
import { ConnectionLost, EXIT_BADCONN, EXIT_FAILURE, EXIT_SUCCESS, PsqlSession } from './session';
import { NoInteractiveMode, readAllStdin, readScript, StdinSource } from './input';

const USAGE = `psql is the interactive terminal for PostgreSQL; this one is the project's own substitute, used because
PostgreSQL's client is not installed. It runs scripts and commands like psql does, with no interactive mode.

Usage:
  psql [OPTION]... [DBNAME [USERNAME]]

Options:
  -c, --command=COMMAND    run only single command (SQL or internal) and exit
  -d, --dbname=DBNAME      database name to connect to
  -f, --file=FILENAME      execute commands from file, then exit
  -v, --set=NAME=VALUE     set psql variable NAME to VALUE (ON_ERROR_STOP, QUIET)
  -X, --no-psqlrc          do not read startup file (this psql never runs one)
  -q, --quiet              run quietly (no messages, only query output)
  -A, --no-align           unaligned table output mode
  -F, --field-separator=STRING  field separator for unaligned output (default: "|")
  -R, --record-separator=STRING record separator for unaligned output (default: newline)
  -t, --tuples-only        print rows only
  -h, --host=HOSTNAME      database server host or socket directory
  -p, --port=PORT          database server port
  -U, --username=USERNAME  database user name
  -w, --no-password        never prompt for password
Internal commands: \\echo, \\qecho, \\warn, \\timing, \\q, \\g (bare); COPY … TO STDOUT and FROM STDIN. A script using
anything else is refused before it runs: for that install PostgreSQL's client (Debian: postgresql-client).
`;

export interface PsqlIo {
  output: Output;
  env: NodeJS.ProcessEnv;
  /** what psql reads for a script on stdin (no -c or -f, or -f -) and a -c's COPY … FROM STDIN */
  stdin: StdinSource;
}

const defaultIo = (): PsqlIo => ({
  output: processOutput, env: process.env, stdin: new StdinSource(readAllStdin, process.stdin.isTTY === true),
});

/**
 * Whether psql would read a startup file: the system-wide one (Debian's), then PSQLRC or ~/.psqlrc. This psql does not
 * run what is in it, but reading one switches psql's messages to their terse form, so it does the same.
 */
function readsPsqlrc(env: NodeJS.ProcessEnv): boolean {
  const candidates = ['/etc/postgresql-common/psqlrc', env.PSQLRC ? env.PSQLRC : join(env.HOME || homedir(), '.psqlrc')];
  return candidates.some((file) => {
    try {
      accessSync(file, constants.R_OK);
      return true;
    } catch {
      return false;
    }
  });
}

function variable(options: PsqlOptions, name: string, log: Logger): boolean | 'invalid' {
  const value = options.variables.get(name);
  if (value === undefined) return false;
  const parsed = value === '' ? true : parseBool(value);
  if (parsed === undefined) {
    log.error(`unrecognized value "${value}" for "${name}": Boolean expected`);
    return 'invalid';
  }
  return parsed;
}

export async function psql(argv: readonly string[], io: PsqlIo = defaultIo()): Promise<number> {
  const log = new Logger(io.output);
  let options: PsqlOptions;
  try {
    options = parseOptions(argv);
  } catch (err) {
    if (err instanceof UsageError) {
      io.output.err(`psql: ${err.message}\npsql: hint: Try "psql --help" for more information.\n`);
      return EXIT_FAILURE;
    }
    if (err instanceof UnsupportedOption) {
      log.error(err.message);
      return EXIT_FAILURE;
    }
    throw err;
  }
  if (options.help) {
    io.output.out(USAGE);
    return EXIT_SUCCESS;
  }
  if (options.version) {
    io.output.out('psql (PostgreSQL) 15 — the project\'s substitute psql (output as psql 15 prints it)\n');
    return EXIT_SUCCESS;
  }
  const onErrorStop = variable(options, 'ON_ERROR_STOP', log);
  const quietVariable = variable(options, 'QUIET', log);
  if (onErrorStop === 'invalid' || quietVariable === 'invalid') return EXIT_FAILURE;
  const quiet = options.quiet || quietVariable;
  const variables = new Set(options.variables.keys());
  if (!quiet) for (const warning of options.warnings) log.warning(warning);

  let session: PsqlSession;
  let close: () => Promise<unknown>;
  try {
    const params = resolveConnection(options, io.env);
    const { client, warnings } = await connect(params, io.env);
    for (const warning of warnings) io.output.err(`${warning}\n`);
    session = new PsqlSession(client, {
      format: {
        aligned: options.aligned, tuplesOnly: options.tuplesOnly,
        fieldSeparator: options.fieldSeparator, recordSeparator: options.recordSeparator,
      },
      quiet, onErrorStop, variables,
    }, io.output, log, io.stdin);
    close = () => within(client.end().catch(() => undefined), 500);
  } catch (err) {
    if (err instanceof ConnectError) {
      for (const warning of err.warnings) io.output.err(`${warning}\n`);
      log.error(err.message);
      return EXIT_BADCONN;
    }
    if (err instanceof ConninfoError) {
      log.error(err.message);
      return EXIT_BADCONN;
    }
    throw err;
  }

  if (!options.noPsqlrc && readsPsqlrc(io.env)) log.terse = true;
  try {
    // refused before anything runs
    const checked = new Map<string, string>();
    const refused = actionsRefusal(options.actions, variables, io.stdin, checked);
    if (refused) {
      log.error(refused.message, refusalLocus(refused));
      return EXIT_FAILURE;
    }
    if (options.actions.length === 0) {
      log.terse = true;
      return await session.runScript(io.stdin.takeRest(), undefined);
    }
    let code = EXIT_SUCCESS;
    for (const action of options.actions) {
      if (action.kind === 'command') {
        code = await session.runCommand(action.text);
      } else {
        const script = readScript(action.path, io.stdin);
        if (script instanceof Error) {
          log.error(script.message);
          code = EXIT_FAILURE;
          if (onErrorStop) break;
          continue;
        }
        const label = action.path === '-' ? '<stdin>' : action.path;
        const changed = checked.get(action.path) === script ? undefined : scriptRefusal(script, variables);
        if (changed) {
          log.error(changed.message, refusalLocus({ ...changed, label }));
          code = EXIT_FAILURE;
          break;
        }
        code = await session.runScript(script, label);
      }
      if (code !== EXIT_SUCCESS && onErrorStop) break;
    }
    return code;
  } catch (err) {
    if (err instanceof ConnectionLost) return EXIT_BADCONN;
    if (err instanceof NoInteractiveMode) {
      log.error(err.message);
      return EXIT_FAILURE;
    }
    throw err;
  } finally {
    await close();
  }
}
