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
  const { file, durationMs, browser } = await exportDeck(what);
  console.log(`${relative(process.cwd(), file)} in ${(durationMs / 1000).toFixed(1)} s (browser: ${browser.path}, from ${browser.from})`);
} catch (err) {
  console.error(err instanceof Error ? err.message : String(err));
  if ((err as { detail?: string }).detail) console.error((err as { detail: string }).detail);
  process.exitCode = 1;
}
