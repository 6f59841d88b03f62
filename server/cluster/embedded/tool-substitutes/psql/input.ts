// What psql reads: its stdin, read once and shared in order (a COPY … FROM STDIN of a -c takes its lines from it, a
// script on stdin — no -c/-f, or -f - — what is left; read whole on first use, also from a non-blocking pipe), and the
// -f files.
import { readFileSync, readSync } from 'node:fs';
import { copyDataAt } from './copy-data';

/** All of fd 0 (readFileSync(0) fails with EAGAIN on a non-blocking pipe). */
export function readAllStdin(): string {
  const chunks: Buffer[] = [];
  const buffer = Buffer.alloc(64 * 1024);
  for (;;) {
    let read: number;
    try {
      read = readSync(0, buffer, 0, buffer.length, null);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EAGAIN') throw err;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5);
      continue;
    }
    if (read === 0) return Buffer.concat(chunks).toString('utf8');
    chunks.push(Buffer.from(buffer.subarray(0, read)));
  }
}

export class NoInteractiveMode extends Error {
  constructor() {
    super('this psql has no interactive mode: give it -c, -f or a script on stdin, and COPY … FROM STDIN its data there');
  }
}

export class StdinSource {
  #text: string | undefined;
  #at = 0;

  constructor(private readonly read: () => string, readonly isTerminal: boolean) {}

  #input(): string {
    if (this.isTerminal) throw new NoInteractiveMode();
    this.#text ??= this.read();
    return this.#text;
  }

  /** the data of one COPY … FROM STDIN */
  takeCopyData(): string {
    const copy = copyDataAt(this.#input(), this.#at);
    this.#at = copy.end;
    return copy.data;
  }

  /** the rest, as a script */
  takeRest(): string {
    const input = this.#input();
    const rest = input.slice(this.#at);
    this.#at = input.length;
    return rest;
  }

  /** the same input at the same place, taken from independently (to check what a run would read) */
  fork(): StdinSource {
    const fork = new StdinSource(() => this.#input(), this.isTerminal);
    fork.#at = this.#at;
    return fork;
  }
}

/** A script's text for -f: the file, or stdin for "-"; an Error saying why it cannot be read, in psql's words. */
export function readScript(path: string, stdin: StdinSource): string | Error {
  if (path === '-') return stdin.takeRest();
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'No such file or directory' : (err as Error).message;
    return new Error(`${path}: ${reason}`);
  }
}
