// `npm run export`, `export:notes`, `export:handout` (export-deck.ts), with the time each took. `-- --dark`: the dark
// palette (the light one reads on paper and on a screen in daylight); `-- --letter`: US Letter pages (notes, handout).
import { relative } from 'node:path';
import { Argument, Command, Option } from 'commander';
import { EXPORTS, exportDeck, type ExportKind } from './export-deck';

const program = new Command('export')
  .addArgument(new Argument('<what>', 'what to export').choices(EXPORTS))
  .option('--dark', 'the dark palette (default: light)', false)
  .addOption(new Option('--letter', 'US Letter pages for the notes and the handout (default: A4)').default(false))
  .parse();
const [what] = program.args as [ExportKind];
const opts = program.opts<{ dark: boolean; letter: boolean }>();
try {
  const { file, durationMs, browser } = await exportDeck(what, undefined, { palette: opts.dark ? 'dark' : 'light', paper: opts.letter ? 'Letter' : 'A4' });
  console.log(`${relative(process.cwd(), file)} in ${(durationMs / 1000).toFixed(1)} s (browser: ${browser.path}, from ${browser.from})`);
} catch (err) {
  console.error(err instanceof Error ? err.message : String(err));
  if ((err as { detail?: string }).detail) console.error((err as { detail: string }).detail);
  process.exitCode = 1;
}
