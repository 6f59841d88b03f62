/**
 * Runs `cleanup` once on Ctrl-C / SIGTERM / SIGHUP, then exits. A second Ctrl-C while cleaning up exits at once
 * (the presenter asked twice), after saying what may be left running.
 */
export function onShutdown(cleanup: () => Promise<void>): void {
  let cleaning = false;
  const handler = (signal: NodeJS.Signals) => {
    if (cleaning) {
      console.error(`\n${signal} again: exiting without waiting; \`pgdemo cluster down\` stops what is left.`);
      process.exit(130);
    }
    cleaning = true;
    console.error(`\n${signal}: stopping…`);
    cleanup().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error('cleanup failed:', err instanceof Error ? err.message : err);
        process.exit(1);
      },
    );
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, handler);
}
