// npm install's last step: what the first `npm start` would otherwise do itself, so the first start is as quick as
// the next — the CLI, the link relay and the tool substitutes compiled (server/compiled/), and initdb's output for the
// binaries found, cached (server/cluster/embedded/initdb-template.ts). Nothing here can fail the install: a step that
// fails is said in one line and done by the first start instead.
import { fileURLToPath } from 'node:url';
import { compiledEntry } from '../compiled/compiled-entry.mjs';
import { buildToolsBundle } from '../cluster/embedded/tool-substitutes/build';
import { findBinaries } from '../cluster/embedded/binaries';
import { ensureTemplate } from '../cluster/embedded/initdb-template';
import { resolveRunAs } from '../cluster/embedded/os-user';
import { SUPERUSER } from '../cluster/naming';

const entry = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const started = performance.now();
const done: string[] = [];
const skipped: string[] = [];

try {
  await Promise.all([
    ...[entry('../cli/main.ts'), entry('../cluster/embedded/link/relay-main.ts')].map((e) => compiledEntry(e)),
    buildToolsBundle(),
  ]);
  done.push('the CLI, the link relay and the tool substitutes compiled');
} catch (err) {
  skipped.push(`not all of the CLI, the link relay and the tool substitutes compiled (${(err as Error).message.split('\n')[0]})`);
}

try {
  const binaries = findBinaries(process.env.PG_BIN);
  if (!binaries) {
    skipped.push('no PostgreSQL binaries found for initdb');
  } else {
    const made = await ensureTemplate(binaries, SUPERUSER, resolveRunAs(undefined));
    done.push(`initdb's output for PostgreSQL ${binaries.version} (${binaries.source}) ${made === 'made' ? 'cached' : 'already cached'}`);
  }
} catch (err) {
  skipped.push(`initdb's output not cached (${(err as Error).message.split('\n')[0]})`);
}

console.log(`Prepared for a quick first start in ${((performance.now() - started) / 1000).toFixed(1)} s: ${done.join('; ') || 'nothing'}${
  skipped.length ? `. Left to the first start: ${skipped.join('; ')}` : ''}.`);
