#!/usr/bin/env node
// first: a Ctrl-C before a command has its own shutdown leaves at once, with exit code 0 (nothing started yet)
import './early-signals.mjs';
import { Command } from 'commander';
import { isDemoError } from '../../shared/errors';

const program = new Command('pgdemo')
  .description('Live PostgreSQL streaming-replication demos: a real primary + standby, a sidecar and a Slidev deck')
  .showHelpAfterError();

// Only the module of the command that runs is loaded (help loads them all): `pgdemo start` serves the deck before the
// sidecar's modules (~0.4 s of loading) are in, so the browser loads the slides meanwhile.
// `drill` and `practice` are one module's: one function, so that help (which loads them all) adds them once
const addDrillCommands = async () => (await import('./drill-command')).addDrillCommands(program);
const commands: Record<string, () => Promise<void>> = {
  cluster: async () => (await import('./cluster-commands')).addClusterCommands(program),
  drill: addDrillCommands,
  practice: addDrillCommands,
  rehearse: async () => (await import('./rehearse-command')).addRehearseCommand(program),
  serve: async () => (await import('./serve-command')).addServeCommand(program),
  start: async () => (await import('./start-command')).addStartCommand(program),
};
const asked = process.argv[2];
if (asked && asked in commands) await commands[asked]!();
else for (const add of new Set(Object.values(commands))) await add();

try {
  await program.parseAsync(process.argv);
} catch (err) {
  console.error(`pgdemo: ${isDemoError(err) ? `${err.message}${err.detail ? `\n${err.detail}` : ''}` : err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
}
