// psql's two output streams. Written synchronously, so stdout and stderr keep psql's order and nothing is lost when the
// process exits; a reader that went away (`| head -5`) ends the writing quietly, as psql's ignored SIGPIPE does.
import { writeSync } from 'node:fs';

export interface Output {
  /** text, or a COPY's data as the server sent it */
  out(text: string | Uint8Array): void;
  err(text: string): void;
}

function writer(fd: number): (text: string | Uint8Array) => void {
  let closed = false;
  return (text) => {
    if (closed || text.length === 0) return;
    const buffer = typeof text === 'string' ? Buffer.from(text) : text;
    let written = 0;
    while (written < buffer.length) {
      try {
        written += writeSync(fd, buffer, written);
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        if (code === 'EAGAIN') continue;
        closed = true; // EPIPE and the like: the reader is gone
        return;
      }
    }
  };
}

export const processOutput: Output = { out: writer(1), err: writer(2) };

/** Where a message comes from, as psql's log prefix shows it: "psql:FILE:LINE: " while running a file. */
export interface Locus {
  file: string;
  line: number;
}

/**
 * psql's messages on stderr, prefixed as its logging does: "psql:FILE:LINE: " inside a file ("error: " added for its
 * own errors); otherwise "psql: error: " until the first -c runs or stdin is read, the bare message after that.
 */
export class Logger {
  /** psql switches its logging to terse mode once it runs the first -c or reads stdin */
  terse = false;

  constructor(private readonly output: Output) {}

  /** a server error or notice, already formatted by libpq's rules */
  info(message: string, locus?: Locus): void {
    this.#write('', message, locus);
  }

  error(message: string, locus?: Locus): void {
    this.#write('error: ', message, locus);
  }

  warning(message: string, locus?: Locus): void {
    this.#write('warning: ', message, locus);
  }

  #write(level: string, message: string, locus: Locus | undefined): void {
    const text = message.endsWith('\n') ? message : `${message}\n`;
    if (locus) this.output.err(`psql:${locus.file}:${locus.line}: ${level}${text}`);
    else if (this.terse) this.output.err(text);
    else this.output.err(`psql: ${level}${text}`);
  }
}
