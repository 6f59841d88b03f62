import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { backendOption } from './backend-option';
import { formatStatus } from './format-status';
import { serve } from './serve-command';
import { onShutdown } from './shutdown';

const projectRoot = fileURLToPath(new URL('../..', import.meta.url));

async function isFree(port: number): Promise<boolean> {
  const probe = createServer();
  try {
    probe.listen(port, '127.0.0.1');
    await once(probe, 'listening');
    return true;
  } catch {
    return false;
  } finally {
    probe.close();
  }
}

async function firstFreePort(from: number, count: number): Promise<number> {
  for (let port = from; port < from + count; port++) if (await isFree(port)) return port;
  throw new Error(`no free port in ${from}–${from + count - 1} for the deck`);
}

/** The Slidev dev server, in its own process group so Ctrl-C can stop it and everything it spawned. */
function startDeck(port: number, env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(process.execPath, [`${projectRoot}/node_modules/@slidev/cli/bin/slidev.mjs`, 'slides.md', '--port', String(port)], {
    cwd: projectRoot,
    env,
    stdio: ['ignore', 'inherit', 'inherit'],
    detached: true,
  });
}

function stopGroup(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.pid === undefined) return Promise.resolve();
  const exited = once(child, 'exit').then(() => undefined);
  const kill = (signal: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, signal);
    } catch {
      // already gone
    }
  };
  kill('SIGTERM');
  const force = setTimeout(() => kill('SIGKILL'), 3000);
  return exited.finally(() => clearTimeout(force));
}

export function addStartCommand(program: Command): void {
  program.command('start').description('start the cluster, the sidecar and the deck; Ctrl-C stops all of them')
    .addOption(backendOption())
    .option('--deck-port <port>', 'first port to try for the deck', (v) => Number.parseInt(v, 10), 3030)
    .option('--allow-edits', 'also run edited or ad-hoc SQL/shell text (live editing)', false)
    .action(async (opts: { deckPort: number; allowEdits: boolean }) => {
      const deckPort = await firstFreePort(opts.deckPort, 10);
      const served = await serve({ port: 0, allowEdits: opts.allowEdits, deckPorts: [deckPort], keepCluster: false });
      const deck = startDeck(deckPort, { ...process.env, PGDEMO_CLUSTER_DIR: served.cluster.stateDir });
      let stopping = false;
      onShutdown(async () => {
        stopping = true;
        await stopGroup(deck);
        await served.stop();
      });
      deck.on('exit', (code) => {
        // our own Ctrl-C ends it with SIGTERM (143): only an exit nobody asked for is news
        if (!stopping && code !== null && code !== 0) console.error(`The deck server exited with code ${code}; press Ctrl-C to stop the cluster.`);
      });
      console.log(formatStatus(await served.cluster.status()));
      console.log(`\nSidecar: ${served.sidecar.url}`);
      console.log(`Deck:    http://localhost:${deckPort}/   (presenter view: http://localhost:${deckPort}/presenter/)`);
      console.log('Press Ctrl-C to stop the deck, the sidecar and the cluster.');
    });
}
