// `npm run export` / `npm run export:notes`: export-deck.ts, with the time it took.
import { relative } from 'node:path';
import { Command } from 'commander';
import { exportDeck } from './export-deck';

const { args } = new Command('export').argument('<what>', 'slides or notes').parse();
const what = args[0];
if (what !== 'slides' && what !== 'notes') {
  console.error('Usage: export slides|notes');
  process.exit(2);
}
try {
  const { file, durationMs } = await exportDeck(what);
  console.log(`${relative(process.cwd(), file)} in ${(durationMs / 1000).toFixed(1)} s`);
} catch (err) {
  console.error(err instanceof Error ? err.message : String(err));
  process.exitCode = 1;
}
