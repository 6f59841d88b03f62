// For shutdown.test.ts: a command whose cleanup takes `argv[2]` ms, printing when it is asked to stop and when done.
import { onShutdown } from '../shutdown';

const cleanupMs = Number(process.argv[2] ?? 2000);
onShutdown(async () => {
  await new Promise((resolve) => setTimeout(resolve, cleanupMs));
  return 'the slow thing';
}, () => 'The slow thing may still run.');
console.log('ready');
setInterval(() => undefined, 1_000);
