// A parent that relays the terminal's Ctrl-C (npm with some shells, tsx's CLI) makes one Ctrl-C arrive twice, a moment
// apart: it must stop once and wait for its cleanup. A second press by the person, later, exits at once and says what
// may be left. A signal before any command registered its shutdown exits 0: nothing was started.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { pollUntil } from '../cluster/poll';

const projectRoot = fileURLToPath(new URL('../..', import.meta.url));

async function command(cleanupMs: number) {
  const child = spawn(process.execPath, ['--import', './server/cli/early-signals.mjs', '--import', 'tsx',
    'server/cli/testing/slow-cleanup.ts', String(cleanupMs)], { cwd: projectRoot, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (out += c.toString()));
  const exit = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
  await pollUntil(async () => out.includes('ready'), { timeoutMs: 20_000, what: 'the child to say ready' });
  return { child, output: () => out, exit };
}

it('takes a relayed Ctrl-C (a second SIGINT 50 ms later) for the same one: stops once, waits for the cleanup, exits 0', async () => {
  const { child, output, exit } = await command(1_500);
  const asked = performance.now();
  child.kill('SIGINT');
  await sleep(50);
  child.kill('SIGINT');
  const [code] = await exit;
  expect(code).toBe(0);
  expect(performance.now() - asked).toBeGreaterThan(1_400); // it waited for the cleanup
  expect(output().match(/SIGINT: stopping/g)).toHaveLength(1);
  expect(output()).toMatch(/^Stopped: the slow thing\.$/m);
  expect(output()).not.toMatch(/again: exiting/);
});

it('takes a second Ctrl-C after the relay window for the person asking again: exits at once with 130, saying what may be left', async () => {
  const { child, output, exit } = await command(20_000);
  child.kill('SIGINT');
  await sleep(1_300);
  const again = performance.now();
  child.kill('SIGINT');
  const [code] = await exit;
  expect(code).toBe(130);
  expect(performance.now() - again).toBeLessThan(1_000);
  expect(output()).toMatch(/SIGINT again: exiting without waiting\. The slow thing may still run\./);
});

it('exits 0 on a Ctrl-C that comes before the command has registered its shutdown (nothing started yet)', async () => {
  const child = spawn(process.execPath, ['--import', './server/cli/early-signals.mjs', '-e', 'setInterval(() => {}, 1000); console.log("up")'],
    { cwd: projectRoot, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (out += c.toString()));
  await pollUntil(async () => out.includes('up'), { timeoutMs: 10_000, what: 'the child to say up' });
  child.kill('SIGINT');
  const [code] = (await once(child, 'exit')) as [number | null];
  expect(code).toBe(0);
  expect(out).toMatch(/SIGINT: nothing was started yet; exiting\./);
});
