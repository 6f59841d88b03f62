// Ctrl-C, as a terminal sends it: SIGINT to the whole foreground process group — npm, its shell and us. A parent that
// relays the signal (npm, tsx's CLI) makes the same Ctrl-C arrive twice, a moment apart: that is not the person asking
// again. So a second signal within RELAY_WINDOW_MS of the first is the same Ctrl-C; one after that is a second press,
// which exits at once and says what may be left running.
import './early-signals.mjs';

/** a relay arrives within milliseconds (both may even be handled in one turn after a blocked event loop) */
export const RELAY_WINDOW_MS = 1_000;
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

export interface Shutdown {
  /** true once a signal asked us to stop: a command then starts nothing new and prints no "Ready" */
  readonly stopping: boolean;
  /** resolves when a signal asks us to stop (for work that should give up early, like a build) */
  readonly requested: Promise<NodeJS.Signals>;
}

/**
 * Runs `cleanup` once on Ctrl-C / SIGTERM / SIGHUP, then exits 0 (1 if the cleanup failed). `mayBeLeft` says, for a
 * second press that does not wait, what may still run and how to stop it.
 */
export function onShutdown(cleanup: () => Promise<string | void>, mayBeLeft: () => string = () => '`pgdemo cluster down` stops what is left.'): Shutdown {
  let firstAt: number | undefined;
  let announce!: (signal: NodeJS.Signals) => void;
  const requested = new Promise<NodeJS.Signals>((resolve) => { announce = resolve; });
  const handler = (signal: NodeJS.Signals) => {
    const now = performance.now();
    if (firstAt !== undefined) {
      if (now - firstAt < RELAY_WINDOW_MS) return; // the same Ctrl-C, relayed by a parent
      console.error(`\n${signal} again: exiting without waiting. ${mayBeLeft()}`);
      process.exit(130);
    }
    firstAt = now;
    console.error(`\n${signal}: stopping… (press Ctrl-C again to exit without waiting)`);
    announce(signal);
    cleanup().then(
      (summary) => {
        console.error(`Stopped: ${summary || 'everything this run started'}.`);
        process.exit(0);
      },
      (err: unknown) => {
        console.error('cleanup failed:', err instanceof Error ? err.message : err);
        process.exit(1);
      },
    );
  };
  for (const signal of SIGNALS) process.on(signal, handler);
  // only now, not before: a signal's last listener removed stops Node's watcher for it, and a Ctrl-C that arrived while
  // module loading blocked the event loop (still unread) would be dropped with it — the process then ignored Ctrl-C
  (globalThis as { [key: symbol]: { release(): void } | undefined })[Symbol.for('pgdemo.earlySignals')]?.release();
  return { get stopping() { return firstAt !== undefined; }, requested };
}

/**
 * Whether a failure while starting is a Ctrl-C's fallout: tsx's esbuild, in our process group, dies of the same SIGINT
 * at once, so our next module load fails ("The service is no longer running") before our own handler has run. Gives
 * the signal a moment to arrive first; then the shutdown, not the error, is what the person sees.
 */
export async function stoppedBySignal(shutdown: Shutdown): Promise<boolean> {
  if (!shutdown.stopping) await new Promise((resolve) => setTimeout(resolve, 200));
  return shutdown.stopping;
}
