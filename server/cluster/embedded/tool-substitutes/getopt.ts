// Command lines read the way PostgreSQL's tools read them (getopt_long): short options cluster (-Atc) and take their
// value attached or as the next word, long options take `=value` or the next word and may be abbreviated, non-options
// may come anywhere, `--` ends the options.

export interface OptionSpec {
  short?: string;
  long: string;
  takesValue: boolean;
}

export interface ParsedOption<S extends OptionSpec> {
  spec: S;
  value?: string;
  /** as written on the command line: "-c" or "--command" */
  shown: string;
}

export class UsageError extends Error {}

function findLong<S extends OptionSpec>(specs: readonly S[], name: string): S {
  const exact = specs.find((s) => s.long === name);
  if (exact) return exact;
  const prefixed = specs.filter((s) => s.long.startsWith(name));
  if (prefixed.length === 1) return prefixed[0]!;
  throw new UsageError(prefixed.length > 1 ? `option '--${name}' is ambiguous` : `unrecognized option '--${name}'`);
}

export function getopt<S extends OptionSpec>(argv: readonly string[], specs: readonly S[]): {
  options: ParsedOption<S>[];
  positional: string[];
} {
  const options: ParsedOption<S>[] = [];
  const positional: string[] = [];
  let i = 0;
  const next = (letter: string): string => {
    if (i >= argv.length) throw new UsageError(`option requires an argument -- '${letter}'`);
    return argv[i++]!;
  };
  while (i < argv.length) {
    const arg = argv[i++]!;
    if (arg === '--') {
      positional.push(...argv.slice(i));
      break;
    }
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const spec = findLong(specs, eq < 0 ? arg.slice(2) : arg.slice(2, eq));
      if (!spec.takesValue && eq >= 0) throw new UsageError(`option '--${spec.long}' doesn't allow an argument`);
      const value = spec.takesValue ? (eq < 0 ? next(spec.long) : arg.slice(eq + 1)) : undefined;
      options.push({ spec, value, shown: `--${spec.long}` });
    } else if (arg.startsWith('-') && arg.length > 1) {
      for (let j = 1; j < arg.length; j++) {
        const letter = arg[j]!;
        const spec = specs.find((s) => s.short === letter);
        if (!spec) throw new UsageError(`invalid option -- '${letter}'`);
        if (spec.takesValue) {
          options.push({ spec, value: j + 1 < arg.length ? arg.slice(j + 1) : next(letter), shown: `-${letter}` });
          break;
        }
        options.push({ spec, shown: `-${letter}` });
      }
    } else {
      positional.push(arg);
    }
  }
  return { options, positional };
}
