// One Ctrl-C at any moment of `npm start` stops everything it started, as a terminal sends it: SIGINT to the whole
// process group (npm, its shell, pgdemo), here at five moments — while the deck starts, while the sidecar starts, while
// the cluster builds, when ready, and while a run streams. Afterwards no process of the run (postgres servers, the
// link relay, the run's shell) and no port of it (deck, sidecar, nodes, relay) remains.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCluster } from '../cluster/factory';
import { pollUntil } from '../cluster/poll';
import { commandLinesMentioning, pairPorts } from '../cluster/test-support';
import { ensureDeckBuilt } from '../deck/deck-build';
import { RUN_TAG } from '../runner/shell/process-group';
import { readSidecarFile } from '../sidecar/sidecar-file';
import { reservePorts } from '../system/port-reservation';
import { isPortFree } from '../system/ports';
import { referenceTable } from '../system/proc';
import { http } from '../system/http';

const projectRoot = fileURLToPath(new URL('../..', import.meta.url));
const DECK_PORT = await reservePorts(1);
const CLUSTER_PORT = await pairPorts(); // the nodes and their link relays
const dirs: string[] = [];
const started: ChildProcess[] = [];

interface Start {
  npm: ChildProcess;
  stateDir: string;
  output: () => string;
  /** SIGINT to the whole process group, as a terminal's Ctrl-C */
  ctrlC(): void;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

async function stateFolder(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'pgdemo-ctrl-c-'));
  dirs.push(dir);
  return dir;
}

function npmStart(stateDir: string): Start {
  const npm = spawn('npm', ['start', '--', '--deck-port', String(DECK_PORT)], {
    cwd: projectRoot,
    detached: true, // its own process group, as a terminal's foreground job
    env: { ...process.env, PGDEMO_CLUSTER_DIR: stateDir, PGDEMO_PORT: String(CLUSTER_PORT) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.push(npm);
  let printed = '';
  npm.stdout!.on('data', (chunk: Buffer) => (printed += chunk.toString()));
  npm.stderr!.on('data', (chunk: Buffer) => (printed += chunk.toString()));
  const exited = once(npm, 'exit').then(([code, signal]) => ({ code: code as number | null, signal: signal as NodeJS.Signals | null }));
  return { npm, stateDir, output: () => printed, ctrlC: () => process.kill(-npm.pid!, 'SIGINT'), exited };
}

async function printed(start: Start, pattern: RegExp, ms = 120_000): Promise<void> {
  await pollUntil(async () => pattern.test(start.output()), { timeoutMs: ms, what: `${pattern} in the output` }).catch(() => {
    throw new Error(`never printed ${pattern}:\n${start.output().slice(-3000)}`);
  });
}

/** After the Ctrl-C: pgdemo said it stopped (its exit 0 follows that line), and nothing of the run is left. */
async function nothingLeft(start: Start, sidecarPort: number | undefined): Promise<void> {
  const { code, signal } = await Promise.race([start.exited, sleep(60_000).then(() => ({ code: -1, signal: null }))]);
  // npm itself dies of the SIGINT it got from the terminal (as any program stopped by Ctrl-C) once pgdemo has exited
  expect([code === 0 || signal === 'SIGINT', start.output().slice(-2000)]).toEqual([true, start.output().slice(-2000)]);
  const said = start.output();
  // a Ctrl-C before node has run a line of ours (it takes ~0.1 s to start here) ends it by the signal's default action:
  // nothing was started and nothing is said — what is left is checked below all the same
  const ours = said.slice(said.search(/^> node bin\/pgdemo\.js/m)).split('\n').slice(1).join('\n').trim();
  if (ours !== '') expect(said).toMatch(/^(Stopped: .*|SIGINT: nothing was started yet; exiting\.)$/m);
  expect(said).not.toMatch(/again: exiting without waiting|cleanup failed/);
  // its group is empty: pgdemo exited, and nothing it started stayed in the group
  await pollUntil(async () => { try { process.kill(-start.npm.pid!, 0); return false; } catch { return true; } },
    { timeoutMs: 10_000, what: 'npm start\'s process group to end' });
  await pollUntil(async () => (await commandLinesMentioning(start.stateDir)).length === 0,
    { timeoutMs: 10_000, what: 'nothing left running in the state folder' }).catch(async () => {
    throw new Error(`left running:\n${(await commandLinesMentioning(start.stateDir)).join('\n')}`);
  });
  expect(await referenceTable.processesWithEnvironment(RUN_TAG, (v) => v.startsWith(`${start.stateDir}|`))).toEqual([]);
  for (const port of [DECK_PORT, CLUSTER_PORT, CLUSTER_PORT + 1, CLUSTER_PORT + 2, CLUSTER_PORT + 3, ...(sidecarPort ? [sidecarPort] : [])]) {
    expect(await isPortFree(port), `port ${port}`).toBe(true);
  }
}

const sidecarPortOf = async (stateDir: string) => {
  const file = await readSidecarFile(stateDir);
  return file ? Number(new URL(file.url).port) : undefined;
};

let warm: string; // a state folder with a built pair, stopped: `npm start` reattaches to it in about a second

beforeAll(async () => {
  await ensureDeckBuilt(projectRoot); // the moments are about npm start, not about a stale build
  warm = await stateFolder();
  const cluster = createCluster({ stateDir: warm, basePort: CLUSTER_PORT });
  await cluster.up();
  await cluster.down();
  await cluster.close();
});

afterAll(async () => {
  for (const child of started) if (child.exitCode === null && child.signalCode === null) process.kill(-child.pid!, 'SIGKILL');
  for (const dir of dirs) {
    const cluster = createCluster({ stateDir: dir });
    await cluster.down().catch(() => undefined);
    await cluster.close();
    await rm(dir, { recursive: true, force: true });
  }
});

describe('one Ctrl-C (SIGINT to the process group) stops everything npm start started', () => {
  it('while the deck starts', async () => {
    const start = npmStart(warm);
    await printed(start, /^> node bin\/pgdemo\.js start/m, 30_000); // npm has started the shell that starts pgdemo
    await sleep(300); // node loads the CLI; the deck is not listening yet
    const deckUp = !(await isPortFree(DECK_PORT));
    start.ctrlC();
    await nothingLeft(start, await sidecarPortOf(warm));
    expect(start.output()).not.toMatch(/Ready in/);
    console.info(`deck starts: the deck port was ${deckUp ? 'open' : 'not open yet'} at the Ctrl-C`);
  });

  it('while the sidecar starts (the deck just answered)', async () => {
    const start = npmStart(warm);
    await printed(start, /^Deck: /m, 60_000);
    const sidecarAnswering = existsSync(join(warm, 'sidecar.json'))
      && await http(`${(await readSidecarFile(warm))!.url}/api/health`, { timeoutMs: 300 }).then(() => true, () => false);
    start.ctrlC();
    await nothingLeft(start, await sidecarPortOf(warm));
    expect(start.output()).not.toMatch(/Ready in/);
    console.info(`sidecar starts: the sidecar was ${sidecarAnswering ? 'already answering' : 'not answering yet'} at the Ctrl-C`);
  });

  it('while the cluster builds (initdb, from nothing)', async () => {
    const stateDir = await stateFolder();
    const start = npmStart(stateDir);
    await printed(start, /^Starting the cluster…$/m, 60_000);
    await pollUntil(async () => (await commandLinesMentioning(stateDir)).length > 0,
      { timeoutMs: 30_000, what: 'initdb or a server to run' });
    start.ctrlC();
    await nothingLeft(start, await sidecarPortOf(stateDir));
    expect(start.output()).not.toMatch(/Cluster up in/); // given up, not waited for
  });

  it('when ready', async () => {
    const start = npmStart(warm);
    await printed(start, /^Ready in \d+\.\d s/m);
    const sidecarPort = await sidecarPortOf(warm);
    start.ctrlC();
    await nothingLeft(start, sidecarPort);
    expect(start.output()).toMatch(/^Stopped: the deck server; the sidecar and the cluster it started are stopped\.$/m);
  });

  it('while a run streams its output', async () => {
    const start = npmStart(warm);
    await printed(start, /^Ready in /m);
    const deck = `http://127.0.0.1:${DECK_PORT}`;
    const origin = { origin: `http://localhost:${DECK_PORT}` };
    const running = http(`${deck}/api/run`, { body: { snippet: 'demo2/05-sustained-load' }, headers: origin, timeoutMs: 120_000 })
      .catch((err: unknown) => err);
    await pollUntil(async () => {
      const last = (await http(`${deck}/api/runs/last`, { headers: origin })).json<Record<string, { output: string }>>();
      return /Batch 1 completed/.test(last['demo2/05-sustained-load']?.output ?? '');
    }, { timeoutMs: 60_000, what: 'the sustained load\'s first batch' });
    expect(await referenceTable.processesWithEnvironment(RUN_TAG, (v) => v.startsWith(`${warm}|`))).not.toEqual([]);
    const sidecarPort = await sidecarPortOf(warm);
    start.ctrlC();
    await nothingLeft(start, sidecarPort);
    await running; // its request ended with the server, one way or another
  });

  // the moments above, at fixed points, once missed a Ctrl-C that came while module loading blocked the event loop
  // (it was dropped when the early handler made way for the command's own): a sweep through the first second and more
  it('at any point of the first 1.2 s (a sweep, one start per point; the compiled CLI is ready in ~0.6 s)', async () => {
    for (const ms of [100, 200, 300, 450, 600, 750, 900, 1050, 1200]) {
      const start = npmStart(warm);
      await printed(start, /^> node bin\/pgdemo\.js start/m, 30_000);
      await sleep(ms);
      start.ctrlC();
      await nothingLeft(start, await sidecarPortOf(warm));
    }
  }, 180_000);
});
