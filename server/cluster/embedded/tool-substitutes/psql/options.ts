// psql's command line (getopt_long's rules, ../getopt.ts): the first non-option is the database or a conninfo string,
// the second the user name.
import { getopt, type OptionSpec } from '../getopt';

export { UsageError } from '../getopt';

export type Action = { kind: 'command'; text: string } | { kind: 'file'; path: string };

export interface PsqlOptions {
  /** in command-line order, as psql runs them; none = read the script from stdin */
  actions: Action[];
  host?: string;
  port?: string;
  user?: string;
  /** a database name, a conninfo string or a URI */
  dbname?: string;
  aligned: boolean;
  tuplesOnly: boolean;
  fieldSeparator: string;
  recordSeparator: string;
  quiet: boolean;
  /** -v NAME=VALUE; psql's variables (ON_ERROR_STOP, QUIET, …) */
  variables: Map<string, string>;
  /** -w: never prompt for a password (this psql never does anyway) */
  noPassword: boolean;
  /** -X */
  noPsqlrc: boolean;
  help: boolean;
  version: boolean;
  /** "extra command-line argument … ignored" */
  warnings: string[];
}

/** Options of the real psql that this one does not implement: a clear refusal instead of a silent difference. */
export class UnsupportedOption extends Error {}

interface PsqlOptionSpec extends OptionSpec {
  supported: boolean;
}

const SPECS: PsqlOptionSpec[] = [
  { short: 'A', long: 'no-align', takesValue: false, supported: true },
  { short: 'c', long: 'command', takesValue: true, supported: true },
  { short: 'd', long: 'dbname', takesValue: true, supported: true },
  { short: 'f', long: 'file', takesValue: true, supported: true },
  { short: 'F', long: 'field-separator', takesValue: true, supported: true },
  { short: 'h', long: 'host', takesValue: true, supported: true },
  { short: 'p', long: 'port', takesValue: true, supported: true },
  { short: 'q', long: 'quiet', takesValue: false, supported: true },
  { short: 'R', long: 'record-separator', takesValue: true, supported: true },
  { short: 't', long: 'tuples-only', takesValue: false, supported: true },
  { short: 'U', long: 'username', takesValue: true, supported: true },
  { short: 'v', long: 'set', takesValue: true, supported: true },
  { long: 'variable', takesValue: true, supported: true },
  { short: 'V', long: 'version', takesValue: false, supported: true },
  { short: 'w', long: 'no-password', takesValue: false, supported: true },
  { short: 'X', long: 'no-psqlrc', takesValue: false, supported: true },
  { short: '?', long: 'help', takesValue: false, supported: true },
  { short: 'a', long: 'echo-all', takesValue: false, supported: false },
  { short: 'b', long: 'echo-errors', takesValue: false, supported: false },
  { short: 'e', long: 'echo-queries', takesValue: false, supported: false },
  { short: 'E', long: 'echo-hidden', takesValue: false, supported: false },
  { short: 'H', long: 'html', takesValue: false, supported: false },
  { short: 'l', long: 'list', takesValue: false, supported: false },
  { short: 'L', long: 'log-file', takesValue: true, supported: false },
  { short: 'n', long: 'no-readline', takesValue: false, supported: false },
  { short: 'o', long: 'output', takesValue: true, supported: false },
  { short: 'P', long: 'pset', takesValue: true, supported: false },
  { short: 's', long: 'single-step', takesValue: false, supported: false },
  { short: 'S', long: 'single-line', takesValue: false, supported: false },
  { short: 'T', long: 'table-attr', takesValue: true, supported: false },
  { short: 'W', long: 'password', takesValue: false, supported: false },
  { short: 'x', long: 'expanded', takesValue: false, supported: false },
  { short: 'z', long: 'field-separator-zero', takesValue: false, supported: false },
  { short: '0', long: 'record-separator-zero', takesValue: false, supported: false },
  { short: '1', long: 'single-transaction', takesValue: false, supported: false },
  { long: 'csv', takesValue: false, supported: false },
];

function apply(options: PsqlOptions, spec: PsqlOptionSpec, value: string | undefined, shown: string): void {
  if (!spec.supported) {
    throw new UnsupportedOption(`option ${shown} is not supported by this psql (the project's own, used because `
      + 'PostgreSQL\'s client is not installed); install the PostgreSQL client (Debian: postgresql-client) for it');
  }
  switch (spec.long) {
    case 'no-align': options.aligned = false; break;
    case 'command': options.actions.push({ kind: 'command', text: value! }); break;
    case 'dbname': options.dbname = value; break;
    case 'file': options.actions.push({ kind: 'file', path: value! }); break;
    case 'field-separator': options.fieldSeparator = value!; break;
    case 'host': options.host = value; break;
    case 'port': options.port = value; break;
    case 'quiet': options.quiet = true; break;
    case 'record-separator': options.recordSeparator = value!; break;
    case 'tuples-only': options.tuplesOnly = true; break;
    case 'username': options.user = value; break;
    case 'set':
    case 'variable': {
      const eq = value!.indexOf('=');
      if (eq < 0) options.variables.set(value!, '');
      else options.variables.set(value!.slice(0, eq), value!.slice(eq + 1));
      break;
    }
    case 'version': options.version = true; break;
    case 'no-password': options.noPassword = true; break;
    case 'no-psqlrc': options.noPsqlrc = true; break;
    case 'help': options.help = true; break;
  }
}

/** Throws UsageError (getopt's complaint) or UnsupportedOption. */
export function parseOptions(argv: readonly string[]): PsqlOptions {
  const options: PsqlOptions = {
    actions: [], aligned: true, tuplesOnly: false, fieldSeparator: '|', recordSeparator: '\n', quiet: false,
    variables: new Map(), noPassword: false, noPsqlrc: false, help: false, version: false, warnings: [],
  };
  const parsed = getopt(argv, SPECS);
  for (const { spec, value, shown } of parsed.options) apply(options, spec, value, shown);
  const positional = parsed.positional;
  if (positional.length > 0 && options.dbname === undefined) options.dbname = positional[0];
  if (positional.length > 1 && options.user === undefined) options.user = positional[1];
  for (const extra of positional.slice(2)) options.warnings.push(`extra command-line argument "${extra}" ignored`);
  return options;
}

/** psql's ParseVariableBool: on/off, true/false, yes/no, 1/0, any unique prefix, any case. */
export function parseBool(value: string): boolean | undefined {
  const v = value.trim().toLowerCase();
  if (v.length === 0) return undefined;
  const matches = (word: string, min = 1) => v.length >= min && word.startsWith(v);
  if (matches('true') || matches('yes') || matches('on', 2) || v === '1') return true;
  if (matches('false') || matches('no') || matches('off', 2) || v === '0') return false;
  return undefined;
}
