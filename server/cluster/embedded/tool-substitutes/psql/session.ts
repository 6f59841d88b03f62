// Runs psql's actions on one open connection: -c strings as one query each, scripts (-f, stdin) step by step as
// ScriptReader reads them, printing what psql prints, returning psql's exit codes. What a COPY … FROM STDIN sends comes
// from the script it stands in, or for a -c from stdin.
import type pg from 'pg';
import { copiesFromStdin } from './copy-statement';
import { LOST_CONNECTION, serverMessageText, type ServerMessage } from './error-text';
import { notSupported, runMetaLine, type MetaContext } from './meta';
import type { Locus, Logger, Output } from './output';
import { printTable, type TableFormat } from './print-table';
import { sendQuery, type StatementResult } from './query';
import { ScriptReader } from './script';
import type { StdinSource } from './input';

export const EXIT_SUCCESS = 0;
export const EXIT_FAILURE = 1;
export const EXIT_BADCONN = 2;
export const EXIT_USER = 3;

/** The connection went away: psql says so and exits with 2 at once. */
export class ConnectionLost extends Error {}

type Status = 'ok' | 'error';

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
  /** the names set with -v */
  variables: ReadonlySet<string>;
}

export class PsqlSession {
  readonly #meta: MetaContext;
  /** the query being run and where it came from, for notices that arrive while it runs */
  #current: { text: string; locus?: Locus } | undefined;
  /** LISTEN's notifications, printed after the query during which they came, as psql does */
  #notifications: string[] = [];

  constructor(
    private readonly client: pg.Client,
    private readonly settings: SessionSettings,
    private readonly output: Output,
    private readonly log: Logger,
    private readonly stdin: StdinSource,
  ) {
    this.#meta = { output, log, quiet: settings.quiet, variables: settings.variables, timing: false };
    client.on('notice', (notice: ServerMessage) => {
      this.log.info(serverMessageText(notice, this.#current?.text, false), this.#current?.locus);
    });
    client.on('notification', ({ channel, payload, processId }) => {
      this.#notifications.push(`Asynchronous notification "${channel}"${payload ? ` with payload "${payload}"` : ''} `
        + `received from server process with PID ${processId}.\n`);
    });
  }

  /** -c: a backslash command (only the first of the string runs), or SQL sent whole as one query, as psql does. */
  async runCommand(text: string): Promise<number> {
    this.log.terse = true;
    if (text.startsWith('\\')) return runMetaLine(text, 'command', undefined, this.#meta) === 'error' ? EXIT_FAILURE : EXIT_SUCCESS;
    const status = await this.#runQuery(text, undefined, () => this.stdin.takeCopyData());
    return status === 'ok' ? EXIT_SUCCESS : EXIT_FAILURE;
  }

  /** -f FILE or stdin: `label` is what psql shows as the file in "psql:FILE:LINE:" (none for plain stdin). */
  async runScript(script: string, label: string | undefined): Promise<number> {
    const reader = new ScriptReader(script);
    // psql's previous buffer: what a bare \g sends again
    let previous = '';
    for (let step = reader.next(); step; step = reader.next()) {
      const locus = label === undefined ? undefined : { file: label, line: step.line };
      let status: Status;
      if (step.kind === 'meta') {
        const outcome = runMetaLine(step.source, 'script', locus, this.#meta);
        if (outcome === 'quit') return EXIT_SUCCESS;
        status = outcome;
      } else if (step.terminator === 'gx') {
        // refused before the run; reached only where the script took another turn than foreseen
        this.log.error(notSupported('\\gx'), locus);
        status = 'error';
      } else {
        const text = step.text ?? previous;
        previous = text;
        status = await this.#runQuery(text, locus, () => {
          const copy = reader.takeCopyData(step);
          // psql counts the lines it read as data: what it reports from here on is further down
          if (locus) locus.line += copy.lines;
          return copy.data;
        });
      }
      if (status === 'error' && this.settings.onErrorStop) return EXIT_USER;
    }
    return EXIT_SUCCESS;
  }

  async #runQuery(text: string, locus: Locus | undefined, copySource: () => string): Promise<Status> {
    this.#current = { text, locus };
    const started = performance.now();
    const outcome = await sendQuery(this.client, text, {
      onResult: (result) => this.#print(result),
      onCopyData: (chunk) => this.output.out(chunk),
      copySource,
    });
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
      // psql reads the data of the COPYs that could not start, and drops it
      for (let n = copiesFromStdin(text) - outcome.copiesIn; n > 0; n--) copySource();
    }
    if (this.#meta.timing) this.output.out(timingText(elapsed));
    for (const notification of this.#notifications.splice(0)) this.output.out(notification);
    return status;
  }

  #print(result: StatementResult): void {
    if (result.copiedOut) return; // psql prints no "COPY n" where the data just went
    if (result.columns) {
      this.output.out(printTable(result.columns, result.rows, this.settings.format));
      // psql adds the command tag after the rows of INSERT/UPDATE/DELETE … RETURNING
      if (/^(?:INSERT|UPDATE|DELETE)\b/.test(result.tag) && !this.settings.quiet) this.output.out(`${result.tag}\n`);
    } else if (!this.settings.quiet) {
      this.output.out(`${result.tag}\n`);
    }
  }
}
