// What this psql refuses, found before anything runs: it reads each -c and each script as the run will (a script's
// COPY … FROM STDIN taking the lines after it) and stops at the first thing it would not do as psql does, with one
// line saying what and where. What it accepts it does byte for byte as psql 15 (psql-matches-real.test.ts).
import { splitScript } from '../../../../runner/sql/split-script';
import { copiesFromStdin, isCopyFromStdin } from './copy-statement';
import { checkMetaLine, notSupported } from './meta';
import { ScriptReader } from './script';
import { readScript, type StdinSource } from './input';
import type { Action } from './options';
import { setVariableInSql } from './variables';

export interface Refused {
  message: string;
  /** for a script: its line, and the file as psql names it ("<stdin>" for stdin) */
  line?: number;
  label?: string;
}

/** "psql:FILE:LINE: " for a script's refusal */
export const refusalLocus = ({ label, line }: Refused) => (label !== undefined && line !== undefined ? { file: label, line } : undefined);

// binary data is not lines: psql would read the rest of its input as bytes
const BINARY = /\bbinary\b/i;

/** What is refused in the COPYs of one query string (psql's \copy is a backslash command, checked with the others). */
function copyRefusal(query: string, stdin: StdinSource | undefined): string | undefined {
  for (const item of splitScript(query)) {
    if (item.kind !== 'sql' || !isCopyFromStdin(item.text)) continue;
    if (BINARY.test(item.text)) return notSupported('COPY … FROM STDIN in binary format');
    if (stdin?.isTerminal) return notSupported('COPY … FROM STDIN with no data on stdin (a terminal)');
  }
  return undefined;
}

/** A -c: a backslash command (only its first runs), or SQL sent as it is, whose COPY … FROM STDIN reads `stdin`. */
export function commandRefusal(text: string, variables: ReadonlySet<string>, stdin: StdinSource): Refused | undefined {
  if (text.startsWith('\\')) {
    const refusal = checkMetaLine(text, variables, 'command').refusal;
    return refusal ? { message: refusal } : undefined;
  }
  const refusal = copyRefusal(text, stdin);
  if (refusal) return { message: refusal };
  // each takes its data whether it runs or fails
  for (let n = copiesFromStdin(text); n > 0; n--) stdin.takeCopyData();
  return undefined;
}

/** A script, read as the run will read it, up to a \q. */
export function scriptRefusal(script: string, variables: ReadonlySet<string>): Refused | undefined {
  // nothing to refuse without a backslash command, a COPY or a :variable: Demo 7's writer sends 200,000 INSERTs on stdin
  if (!/\\|copy|:/i.test(script)) return undefined;
  const reader = new ScriptReader(script);
  let previous = '';
  for (let step = reader.next(); step; step = reader.next()) {
    if (step.kind === 'meta') {
      const { refusal, quits } = checkMetaLine(step.source, variables, 'script');
      if (refusal) return { message: refusal, line: step.line };
      if (quits) return undefined;
      continue;
    }
    if (step.terminator === 'gx') return { message: notSupported('\\gx'), line: step.line };
    const text = step.text ?? previous;
    previous = text;
    const variable = setVariableInSql(text, variables);
    if (variable) return { message: notSupported(`the psql variable ${variable}`), line: step.line };
    const refusal = copyRefusal(text, undefined);
    if (refusal) return { message: refusal, line: step.line };
    for (let n = copiesFromStdin(text); n > 0; n--) reader.takeCopyData(step);
  }
  return undefined;
}

/**
 * The first thing refused in psql's actions (none: the script on stdin), read in order over a copy of stdin. The -f
 * files read now go in `checked`: one that reads differently when its turn comes is checked again then.
 */
export function actionsRefusal(actions: Action[], variables: ReadonlySet<string>, stdin: StdinSource,
  checked: Map<string, string>): Refused | undefined {
  const input = stdin.fork();
  if (actions.length === 0) {
    const refused = scriptRefusal(input.takeRest(), variables);
    return refused && { ...refused, label: '<stdin>' };
  }
  for (const action of actions) {
    if (action.kind === 'command') {
      const refused = commandRefusal(action.text, variables, input);
      if (refused) return refused;
      continue;
    }
    const script = readScript(action.path, input);
    if (script instanceof Error) continue; // psql says so when it gets there
    const refused = scriptRefusal(script, variables);
    if (refused) return { ...refused, label: action.path === '-' ? '<stdin>' : action.path };
    checked.set(action.path, script);
  }
  return undefined;
}
