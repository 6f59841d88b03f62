// `npm run build` (always builds) and the install-time build (`--if-stale --at-install`): the deck in dist/, with the
// hash of its inputs that lets `npm start` skip the build next time.
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { ensureDeckBuilt } from './deck-build';

const projectRoot = fileURLToPath(new URL('../..', import.meta.url));
const opts = new Command('build-deck')
  .option('--if-stale', 'build only when the deck\'s inputs changed since the last build', false)
  .option('--at-install', 'a failed build only warns: `npm start` tries again', false)
  .parse()
  .opts<{ ifStale: boolean; atInstall: boolean }>();

try {
  const result = await ensureDeckBuilt(projectRoot, { force: !opts.ifStale, log: (line) => console.log(line) });
  if (!result.built) console.log('The deck in dist/ is up to date.');
} catch (err) {
  console.error(err instanceof Error ? err.message : String(err));
  if (opts.atInstall) console.error('\nThe deck could not be built now; `npm start` will build it (and show why it fails).');
  else process.exitCode = 1;
}
