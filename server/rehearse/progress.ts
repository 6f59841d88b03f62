// Rehearse's progress while it runs: each block as it ends with its time, each check, and for a long block its elapsed
// time as it goes (rewritten in place on a terminal, a line every 15 s in a log).
import type { ProgressEvent } from './rehearse';

export function progressPrinter(out: NodeJS.WriteStream = process.stdout): { onEvent(event: ProgressEvent): void; stop(): void } {
  const tty = out.isTTY === true;
  let ticker: ReturnType<typeof setInterval> | undefined;
  let live = false;
  const clearLive = () => {
    if (live) out.write('\r\x1b[K');
    live = false;
  };
  const stop = () => {
    clearInterval(ticker);
    clearLive();
  };
  return {
    onEvent(event) {
      if (event.kind === 'block') {
        const started = performance.now();
        const elapsed = () => `${Math.round((performance.now() - started) / 1000)} s`;
        let ticks = 0;
        ticker = setInterval(() => {
          ticks++;
          if (tty) {
            out.write(`\r\x1b[K  … ${event.snippet}  ${elapsed()}`);
            live = true;
          } else if (ticks % 15 === 0) {
            out.write(`  … ${event.snippet} still running, ${elapsed()}\n`);
          }
        }, 1000);
        return;
      }
      stop();
      if (event.kind === 'block-done') {
        out.write(`  ${event.result.ok ? '✓' : '✗'} ${event.snippet}  ${(event.durationMs / 1000).toFixed(2)} s\n`);
      } else {
        const { outcome } = event;
        const mark = outcome.passed ? '✓' : '✗';
        out.write(`      ${mark} ${outcome.claim}${outcome.passed ? '' : `: ${outcome.message}`}\n`);
      }
    },
    stop,
  };
}
