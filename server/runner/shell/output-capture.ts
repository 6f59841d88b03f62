// Keeps a run's stdout/stderr (up to a byte cap shared by both) and streams it on, a line at a time where it can:
// a partial line is passed on after a short pause, so prompts and progress dots still show.

export type OutputStream = 'stdout' | 'stderr';
export type OutputListener = (stream: OutputStream, chunk: string) => void;

const PARTIAL_LINE_DELAY_MS = 100;

export class OutputCapture {
  readonly kept: Record<OutputStream, string> = { stdout: '', stderr: '' };
  truncated = false;
  #bytesLeft: number;
  readonly #pending: Record<OutputStream, string> = { stdout: '', stderr: '' };
  readonly #timers: Partial<Record<OutputStream, NodeJS.Timeout>> = {};

  constructor(maxBytes: number, private readonly listener?: OutputListener) {
    this.#bytesLeft = maxBytes;
  }

  add(stream: OutputStream, chunk: string): void {
    const kept = this.#keep(chunk);
    if (!kept) return;
    this.kept[stream] += kept;
    if (!this.listener) return;
    const text = this.#pending[stream] + kept;
    const lastNewline = text.lastIndexOf('\n');
    this.#pending[stream] = text.slice(lastNewline + 1);
    if (lastNewline >= 0) this.listener(stream, text.slice(0, lastNewline + 1));
    clearTimeout(this.#timers[stream]);
    if (this.#pending[stream]) this.#timers[stream] = setTimeout(() => this.#flushStream(stream), PARTIAL_LINE_DELAY_MS);
  }

  /** passes on what is still pending; call once the run is over */
  flush(): void {
    this.#flushStream('stdout');
    this.#flushStream('stderr');
  }

  #flushStream(stream: OutputStream): void {
    clearTimeout(this.#timers[stream]);
    const text = this.#pending[stream];
    this.#pending[stream] = '';
    if (text) this.listener?.(stream, text);
  }

  /** the part of `chunk` that fits under the cap */
  #keep(chunk: string): string {
    if (this.truncated) return '';
    const bytes = Buffer.byteLength(chunk);
    if (bytes <= this.#bytesLeft) {
      this.#bytesLeft -= bytes;
      return chunk;
    }
    this.truncated = true;
    // cut on a character boundary: decoding the prefix drops a split multi-byte character
    const prefix = Buffer.from(chunk).subarray(0, this.#bytesLeft).toString('utf8').replace(/\uFFFD$/, '');
    this.#bytesLeft = 0;
    return prefix;
  }
}
