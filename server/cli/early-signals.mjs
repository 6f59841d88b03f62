// Loaded first (bin/pgdemo.js's first import, and main.ts's when it runs through tsx): until a command has registered
// its own shutdown (server/cli/shutdown.ts), a Ctrl-C finds nothing started yet, so the process leaves at once with
// exit code 0 instead of dying of the signal. Plain JavaScript, so it is in place before the CLI's module loads.
const EARLY = Symbol.for('pgdemo.earlySignals');

if (!globalThis[EARLY]) {
  const leave = (signal) => {
    process.stderr.write(`\n${signal}: nothing was started yet; exiting.\n`);
    process.exit(0);
  };
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  for (const signal of signals) process.on(signal, leave);
  globalThis[EARLY] = {
    /** the command's own shutdown takes over from here */
    release() {
      for (const signal of signals) process.off(signal, leave);
    },
  };
}
