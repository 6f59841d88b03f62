// psql's variables, which this psql does not have: psql puts a set variable's value where a script writes :name,
// :'name', :"name" or :{?name} (in SQL outside quotes and comments, and in a backslash command's arguments), and leaves
// the text as it is for a name that is not set. A script that refers to a set one is refused (preflight.ts).
import { sqlTokens } from './sql-tokens';

// the variables psql 15 sets itself, its own and the connection's; the others are those given with -v
const PSQL_VARIABLES = new Set([
  'AUTOCOMMIT', 'COMP_KEYWORD_CASE', 'DBNAME', 'ECHO', 'ECHO_HIDDEN', 'ENCODING', 'ERROR', 'FETCH_COUNT',
  'HIDE_TABLEAM', 'HIDE_TOAST_COMPRESSION', 'HISTCONTROL', 'HISTFILE', 'HISTSIZE', 'HOST', 'IGNOREEOF',
  'LASTOID', 'LAST_ERROR_MESSAGE', 'LAST_ERROR_SQLSTATE', 'ON_ERROR_ROLLBACK', 'ON_ERROR_STOP', 'PORT', 'PROMPT1',
  'PROMPT2', 'PROMPT3', 'QUIET', 'ROW_COUNT', 'SERVER_VERSION_NAME', 'SERVER_VERSION_NUM', 'SHOW_ALL_RESULTS',
  'SHOW_CONTEXT', 'SINGLELINE', 'SINGLESTEP', 'SQLSTATE', 'USER', 'VERBOSITY', 'VERSION', 'VERSION_NAME', 'VERSION_NUM',
]);

const NAME = '[A-Za-z0-9_\\x80-\\uffff]+';
/** a reference at the start of the text: the name is in group 1, 2, 3 or 4 */
export const VARIABLE_REFERENCE = new RegExp(`^:(?:(${NAME})|'(${NAME})'|"(${NAME})"|\\{\\?(${NAME})\\})`);

/** The reference at the start of `text` when its variable is set (by psql or with -v), else undefined. */
export function setVariableAt(text: string, variables: ReadonlySet<string>): string | undefined {
  const match = VARIABLE_REFERENCE.exec(text);
  if (!match) return undefined;
  const name = match.slice(1).find((group) => group !== undefined)!;
  return variables.has(name) || PSQL_VARIABLES.has(name) ? match[0] : undefined;
}

/** The first reference to a set variable in a statement of a script, or undefined. */
export function setVariableInSql(statement: string, variables: ReadonlySet<string>): string | undefined {
  const tokens = sqlTokens(statement);
  for (const [i, token] of tokens.entries()) {
    // "::" is a cast
    if (token.text !== ':' || tokens[i - 1]?.text === ':' && tokens[i - 1]!.end === token.start) continue;
    if (tokens[i + 1]?.text === ':' && tokens[i + 1]!.start === token.end) continue;
    const found = setVariableAt(statement.slice(token.start), variables);
    if (found) return found;
  }
  return undefined;
}
