#!/usr/bin/env node
// `pgdemo`, and `npm start`, `npm run serve`, `cluster`, `rehearse`: the TypeScript CLI (server/cli/main.ts) from its
// compiled module, which loads in about a fifth of the time tsx takes to load the sources (server/compiled/); from the
// sources through tsx when it cannot be built (and then says so once). No build step is needed: the module is built
// on first use, and again when a source changed.
// first: a Ctrl-C before a command has its own shutdown leaves at once, with exit code 0 (nothing started yet)
import '../server/cli/early-signals.mjs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { compiledEntry } from '../server/compiled/compiled-entry.mjs';

const main = new URL('../server/cli/main.ts', import.meta.url);
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
