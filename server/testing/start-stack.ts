// A throwaway stack for the browser tests and the benches: `pgdemo start` (what `npm start` runs: cluster, sidecar and
// the built deck's server in one process) on a temp state folder, in its own process group, stopped after. (It was
// e2e/support/stack.ts before: bench/speed.ts looks there too, in a clone of an older commit.)
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCluster } from '../cluster/factory';
import { pollUntil } from '../cluster/poll';
import { messageOf } from '../../shared/errors';
import { killNow, processesWhoseCommandMentions } from '../system/proc';

export const projectRoot = fileURLToPath(new URL('../..', import.meta.url));

export interface StackOptions {
  deckPort: number;
  clusterPort: number;
  /** more options of `pgdemo start` (`--allow-edits`, `--offline`) */
  args?: string[];
  env?: NodeJS.ProcessEnv;
}
export interface Stack { deckUrl: string; stateDir: string; stop(): Promise<void> }

function startTs(script: string, args: string[], env: NodeJS.ProcessEnv, logTo: string[]): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
    cwd: projectRoot, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'],
  });
  const keep = (chunk: Buffer) => logTo.push(chunk.toString());
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  return child;
}

async function stopGroup(child: ChildProcess, graceMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  const exited = once(child, 'exit');
  const kill = (signal: NodeJS.Signals) => { try { process.kill(-child.pid!, signal); } catch { /* gone */ } };
  kill('SIGTERM');
  const force = setTimeout(() => kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(force);
}

async function waitFor(what: string, probe: () => Promise<boolean>, timeoutMs: number, log: string[]): Promise<void> {
  await pollUntil(probe, { what, timeoutMs, intervalMs: 100 }).catch((err: unknown) => {
    throw new Error(`${messageOf(err)} Output:\n${log.join('').slice(-4000)}`, { cause: err });
  });
}

/** Kills any process still working in our state folder (a crashed sidecar must not leave servers behind). */
async function killStrayServers(stateDir: string): Promise<void> {
  killNow((await processesWhoseCommandMentions(stateDir)).map((p) => p.pid));
}

export async function startStack(options: StackOptions): Promise<Stack> {
  const stateDir = await mkdtemp(join(tmpdir(), 'pgdemo-e2e-'));
  const deckUrl = `http://127.0.0.1:${options.deckPort}`;
  const env = {
    ...process.env,
    PGDEMO_CLUSTER_DIR: stateDir,
    PGDEMO_PORT: String(options.clusterPort),
    PGDEMO_DECK_ORIGINS: `${deckUrl},http://localhost:${options.deckPort}`,
    ...options.env,
  };
  const log: string[] = [];
  const args = options.args ?? [];
  const start = startTs('server/cli/main.ts', ['start', '--deck-port', String(options.deckPort), ...args], env, log);
  const stop = async () => {
    await stopGroup(start, 30_000); // it stops the cluster it started
    await killStrayServers(stateDir);
    // stopped containers and their volumes would outlive the run: remove them (the embedded pair lives in stateDir)
    if (process.env.PGDEMO_BACKEND === 'docker') {
      const cluster = createCluster({ stateDir });
      await cluster.destroy().finally(() => cluster.close());
    }
    await rm(stateDir, { recursive: true, force: true });
  };
  try {
    // "Ready in …" comes once the deck is served and the pair streams
    await waitFor('npm start to be ready', async () => /Ready in /.test(log.join('')), 120_000, log);
    const port = /Deck:\s+http:\/\/localhost:(\d+)\//.exec(log.join(''))?.[1];
    if (Number(port) !== options.deckPort) throw new Error(`the deck is not on port ${options.deckPort}:\n${log.join('').slice(-2000)}`);
    // offline, /api answers that there is no sidecar
    const probe = args.includes('--offline') ? `${deckUrl}/` : `${deckUrl}/api/cluster`;
    await waitFor('the deck server', async () => (await fetch(probe)).ok, 30_000, log);
  } catch (err) {
    await stop();
    throw err;
  }
  return { deckUrl, stateDir, stop };
}
