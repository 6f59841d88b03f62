#!/usr/bin/env node
import { Command } from 'commander';
import { isDemoError } from '../errors';
import { addClusterCommands } from './cluster-commands';
import { addServeCommand } from './serve-command';
import { addStartCommand } from './start-command';

const program = new Command('pgdemo')
  .description('Live PostgreSQL streaming-replication demos: a real primary + standby, a sidecar and a Slidev deck')
  .showHelpAfterError();
addClusterCommands(program);
addServeCommand(program);
addStartCommand(program);

try {
  await program.parseAsync(process.argv);
} catch (err) {
  console.error(`pgdemo: ${isDemoError(err) ? `${err.message}${err.detail ? `\n${err.detail}` : ''}` : err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
}
