// Runs psql's actions on one open connection: -c strings as one query each, scripts (-f, stdin) statement by
// statement through the sidecar's splitter and meta-commands, printing what psql prints, returning psql's exit codes.
import type pg from 'pg';
import { runMetaCommand } from '../../../../runner/sql/meta-commands';
import { splitScript, type MetaCommand } from '../../../../runner/sql/split-script';
import { LOST_CONNECTION, serverMessageText, type ServerMessage } from './error-text';
import type { Locus, Logger, Output } from './output';
import { printTable, type TableFormat } from './print-table';
import { sendQuery, type StatementResult } from './query';
import { scriptSteps } from './script';

export const EXIT_SUCCESS = 0;
export const EXIT_FAILURE = 1;
export const EXIT_BADCONN = 2;
export const EXIT_USER = 3;

/** The connection went away: psql says so and exits with 2 at once. */
export class ConnectionLost extends Error {}

type Status = 'ok' | 'error';

// every backslash command of psql 15, so an unknown one gets psql's own "invalid command" and a known one a clear
// "not here" instead
const PSQL_META = new Set([
  'a', 'bind', 'c', 'connect', 'C', 'cd', 'conninfo', 'copy', 'copyright', 'crosstabview', 'e', 'edit', 'echo', 'ef',
  'ev', 'encoding', 'errverbose', 'f', 'g', 'gdesc', 'getenv', 'gexec', 'gset', 'gx', 'h', 'help', 'H', 'html', 'i',
  'include', 'if', 'elif', 'else', 'endif', 'ir', 'include_relative', 'l', 'list', 'o', 'out', 'p', 'print',
  'password', 'prompt', 'pset', 'q', 'quit', 'qecho', 'r', 'reset', 's', 'set', 'setenv', 'sf', 'sv', 't', 'T',
  'timing', 'unset', 'w', 'write', 'warn', 'watch', 'x', 'z', '!', '?', 'lo_export', 'lo_import', 'lo_list',
  'lo_unlink', 'dconfig',
]);
const isPsqlMeta = (name: string) => PSQL_META.has(name) || /^(?:d|l\+|lo_|s[fv])/.test(name);

/** "Time: 1.234 ms", and from one second on the duration as psql spells it out */
export function timingText(ms: number): string {
  const base = `Time: ${ms.toFixed(3)} ms`;
  if (ms < 1000) return `${base}\n`;
  let seconds = ms / 1000;
  let minutes = Math.floor(seconds / 60);
  seconds -= 60 * minutes;
  const two = (n: number) => String(Math.trunc(n)).padStart(2, '0');
  const secs = seconds.toFixed(3).padStart(6, '0');
  if (minutes < 60) return `${base} (${two(minutes)}:${secs})\n`;
  let hours = Math.floor(minutes / 60);
  minutes -= 60 * hours;
  if (hours < 24) return `${base} (${two(hours)}:${two(minutes)}:${secs})\n`;
  const days = Math.floor(hours / 24);
  hours -= 24 * days;
  return `${base} (${days} d ${two(hours)}:${two(minutes)}:${secs})\n`;
}

export interface SessionSettings {
  format: TableFormat;
  quiet: boolean;
  onErrorStop: boolean;
}

export class PsqlSession {
  #timing = false;
  /** the query being run and where it came from, for notices that arrive while it runs */
  #current: { text: string; locus?: Locus } | undefined;

  constructor(
    private readonly client: pg.Client,
    private readonly settings: SessionSettings,
    private readonly output: Output,
    private readonly log: Logger,
  ) {
    client.on('notice', (notice: ServerMessage) => {
      this.log.info(serverMessageText(notice, this.#current?.text, false), this.#current?.locus);
    });
  }

  /** -c: the whole string is one query, as psql sends it (so several statements run in one transaction). */
  async runCommand(text: string): Promise<number> {
    this.log.terse = true;
    if (text.startsWith('\\')) {
      for (const item of splitScript(text)) {
        if (item.kind !== 'meta') continue;
        const outcome = this.#runMeta(item, undefined);
        if (outcome === 'quit') return EXIT_SUCCESS;
        if (outcome === 'error') return EXIT_FAILURE;
      }
      return EXIT_SUCCESS;
    }
    return (await this.#runQuery(text, undefined)) === 'ok' ? EXIT_SUCCESS : EXIT_FAILURE;
  }

  /** -f FILE or stdin: `label` is what psql shows as the file in "psql:FILE:LINE:" (none for plain stdin). */
  async runScript(script: string, label: string | undefined): Promise<number> {
    for (const step of scriptSteps(script)) {
      const locus = label === undefined ? undefined : { file: label, line: step.line };
      let status: Status;
      if (step.kind === 'meta') {
        const outcome = this.#runMeta(step.meta, locus);
        if (outcome === 'quit') return EXIT_SUCCESS;
        status = outcome;
      } else {
        status = await this.#runQuery(step.text, locus);
      }
      if (status === 'error' && this.settings.onErrorStop) return EXIT_USER;
    }
    return EXIT_SUCCESS;
  }

  async #runQuery(text: string, locus: Locus | undefined): Promise<Status> {
    this.#current = { text, locus };
    const started = performance.now();
    const outcome = await sendQuery(this.client, text, (result) => this.#print(result));
    const elapsed = performance.now() - started;
    this.#current = undefined;
    let status: Status = 'ok';
    if (outcome.error !== undefined) {
      const error = outcome.error as ServerMessage;
      // pg's DatabaseError carries the server's fields; anything else means the socket broke
      const fromServer = error.severity !== undefined;
      if (fromServer) this.log.info(serverMessageText(error, text, true), locus);
      if (!fromServer || error.severity === 'FATAL' || error.severity === 'PANIC') {
        this.log.info(LOST_CONNECTION, locus);
        this.log.error('connection to server was lost', locus);
        throw new ConnectionLost();
      }
      status = 'error';
    }
    if (this.#timing) this.output.out(timingText(elapsed));
    return status;
  }

  #print(result: StatementResult): void {
    if (result.columns) {
      this.output.out(printTable(result.columns, result.rows, this.settings.format));
      // psql adds the command tag after the rows of INSERT/UPDATE/DELETE … RETURNING
      if (/^(?:INSERT|UPDATE|DELETE)\b/.test(result.tag) && !this.settings.quiet) this.output.out(`${result.tag}\n`);
    } else if (!this.settings.quiet) {
      this.output.out(`${result.tag}\n`);
    }
  }

  #runMeta(meta: MetaCommand, locus: Locus | undefined): Status | 'quit' {
    if (meta.name === 'q' || meta.name === 'quit') return 'quit';
    if (meta.name === 'timing' || meta.name === 'echo') {
      const outcome = runMetaCommand(meta, this.#timing);
      if (outcome.error) this.log.error(outcome.error.message, locus);
      if (meta.name === 'timing') {
        this.#timing = outcome.timing;
        if (!this.settings.quiet) this.output.out(`Timing is ${this.#timing ? 'on' : 'off'}.\n`);
      }
      if (outcome.result) this.output.out(`${outcome.result.rows[0]?.[0] ?? ''}\n`);
      return outcome.error ? 'error' : 'ok';
    }
    if (isPsqlMeta(meta.name)) {
      this.log.error(`\\${meta.name} is not supported by this psql (the project's own, used because PostgreSQL's `
        + 'client is not installed); install the PostgreSQL client (Debian: postgresql-client) for it', locus);
    } else {
      this.log.error(`invalid command \\${meta.name}`, locus);
    }
    return 'error';
  }
}
