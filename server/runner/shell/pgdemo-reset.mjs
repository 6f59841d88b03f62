// pgdemo-reset — the deck's "Reset for this demo" from inside a shell snippet: back to a fresh streaming pair (the
// saved start state), so a block that crashes the primary can be run again and again, each run from the same start.
// Docker has no command for it (the pair's start state is the deck's own), so this asks the sidecar. Prints what it did.
import { askSidecar } from './sidecar-request.mjs';

if (process.argv.length > 2) {
  process.stderr.write('usage: pgdemo-reset   (no arguments: a fresh streaming pair, as "Reset for this demo")\n');
  process.exit(2);
}
try {
  const report = await askSidecar('reset', {});
  process.stdout.write(`fresh streaming pair in ${(report.durationMs / 1000).toFixed(2)} s${report.method ? ` (${report.method})` : ''}\n`);
} catch (err) {
  process.stderr.write(`pgdemo-reset: ${err.message}\n`);
  process.exit(1);
}
