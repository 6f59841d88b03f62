// `npm start`, `npm run serve`, `cluster`, `rehearse`: the CLI (main.ts) from its compiled module, which loads in about a
// fifth of the time tsx takes to load the sources (server/compiled/compiled-entry.mjs); from the sources through tsx
// when it cannot be built (and then says so once).
import './early-signals.mjs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { compiledEntry } from '../compiled/compiled-entry.mjs';

const main = new URL('./main.ts', import.meta.url);
let compiled;
try {
  compiled = await compiledEntry(fileURLToPath(main));
} catch (err) {
  process.stderr.write(`(running the CLI from its sources through tsx: it could not be compiled: ${err?.message ?? err})\n`);
}
if (compiled) {
  await import(pathToFileURL(compiled).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import(main.href);
}
