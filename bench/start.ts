// (e) `npm start` → a demo step (a Run block) rendered in Chromium with a streaming pair behind it, in a fresh clone of
// a commit after `npm ci`: "cold" is the first start on a fresh state folder, "warm" a second start on the same one.
// `npm start` runs in its own process group and is stopped with SIGINT to the group, as a terminal's Ctrl-C does.
// The browser is already open (a presenter's is). The cold start's page opens in a fresh profile, the warm one in the
// same browser (the presenter's: what the first start left in its cache — the deck's hashed assets are immutable), and
// a second warm start in a fresh profile again, the case of a browser that never saw the deck.
// Targets: cold <= 5 s, warm <= 2 s.
import { execFile, spawn } from 'node:child_process';
import { connect } from 'node:net';
import { once } from 'node:events';
import { chmod, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { browserLaunchOptions } from '../server/system/find-browser';
import { projectRoot } from '../server/testing/start-stack';
import { benchPorts, median } from './support';

const run = promisify(execFile);

export interface Clone { ref: string; dir: string; installMs: number; remove(): Promise<void> }

/** A fresh clone of `ref` with `npm ci` done (whatever its install step does, e.g. building the deck). */
export async function cloneAt(ref: string): Promise<Clone> {
  const dir = await mkdtemp(join(tmpdir(), 'pgdemo-clone-'));
  await chmod(dir, 0o755); // the servers' OS user (postgres, when we are root) must reach ./.cluster inside it
  await run('git', ['clone', '--quiet', '--no-checkout', projectRoot, dir]);
  await run('git', ['-C', dir, 'checkout', '--quiet', ref]);
  const started = performance.now();
  await run('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: dir, maxBuffer: 64 * 1024 * 1024 });
  return { ref, dir, installMs: performance.now() - started, remove: () => rm(dir, { recursive: true, force: true }) };
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch(browserLaunchOptions());
}

/** Pids whose process group is `pgid` (npm, its shell, node and whatever they started without a group of their own). */
async function groupMembers(pgid: number): Promise<number[]> {
  const members: number[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '');
    // fields after the command name in parentheses: state, ppid, pgrp
    const pgrp = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]);
    if (pgrp === pgid) members.push(Number(entry));
  }
  return members;
}

/** Kills what a stopped `npm start` must not have left: any process still working in the clone. */
async function leftovers(dir: string): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    const cmdline = (await readFile(`/proc/${entry}/cmdline`, 'utf8').catch(() => '')).replaceAll('\0', ' ');
    if (cmdline.includes(dir)) {
      found.push(`${entry} ${cmdline.slice(0, 160)}`);
      try { process.kill(Number(entry), 'SIGKILL'); } catch { /* gone */ }
    }
  }
  return found;
}

/** Whether something listens on `port` (a bare TCP connect: no request is served before the browser's). */
function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

export interface StartSample { readyMs: number; printedReady?: string; stopMs: number; left: string[] }

/**
 * One `npm start` in `dir`: time to a Run block on screen with the standby streaming, then Ctrl-C. The page opens in
 * `profile`: the presenter's browser (its cache as the last start left it), or a fresh one.
 */
export async function measureStart(dir: string, profile: BrowserContext, ports: { deck: number; pg: number }): Promise<StartSample> {
  const env: NodeJS.ProcessEnv = { ...process.env, PGDEMO_PORT: String(ports.pg) };
  delete env.PGDEMO_CLUSTER_DIR; // the clone's own ./.cluster
  const started = performance.now();
  const child = spawn('npm', ['start', '--', '--deck-port', String(ports.deck)], {
    cwd: dir, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr.on('data', (c: Buffer) => (output += c.toString()));
  const exited = once(child, 'exit').catch(() => undefined);
  const page = await profile.newPage();
  try {
    // the page opens the moment the deck listens: asked every 10 ms from here, not by the browser itself, whose failed
    // loads every 50 ms (an error page drawn each time) took CPU from the start being measured
    // (a connect can also reach `npm start`'s own probe of the port, open for a moment before the deck's server: then
    // the page's load is refused, and the asking goes on)
    const deadline = started + 120_000;
    for (;;) {
      if (await listening(ports.deck)) {
        const loaded = await page.goto(`http://localhost:${ports.deck}/demo1`, { timeout: 60_000 }).then(() => true, () => false);
        if (loaded) break;
      }
      if (performance.now() > deadline || child.exitCode !== null) throw new Error(`no deck within 120 s:\n${output.slice(-3000)}`);
      await new Promise((r) => setTimeout(r, 10));
    }
    // the demo's first slide, then its first step, as a presenter goes
    try {
      await page.locator('h1:visible').first().waitFor({ timeout: 120_000 });
      await page.keyboard.press('ArrowRight');
      await page.locator('[data-snippet]:visible').first().waitFor({ timeout: 120_000 });
      await page.locator('.status-bar:visible [data-node="postgres-standby"][data-streaming="true"]').waitFor({ timeout: 120_000 });
    } catch (err) {
      const shown = (await page.locator('body').innerText().catch(() => '')).slice(0, 300).replaceAll('\n', ' ');
      throw new Error(`${String(err).split('\n')[0]} at ${page.url()}, the page shows: ${shown}\n${output.slice(-1500)}`);
    }
    const readyMs = performance.now() - started;
    const timings = output.split('\n').filter((l) => /Building the deck|Deck built|Cluster up in|Ready in/.test(l));
    return { readyMs, printedReady: timings.join(' / ') || undefined, ...await stop() };
  } catch (err) {
    await stop();
    throw err;
  } finally {
    await page.close();
  }

  /** Ctrl-C: SIGINT to the whole group, then wait until every process of it has exited (not just npm). */
  async function stop(): Promise<{ stopMs: number; left: string[] }> {
    const pgid = child.pid!;
    const stopping = performance.now();
    try { process.kill(-pgid, 'SIGINT'); } catch { /* gone */ }
    while ((await groupMembers(pgid)).length > 0 && performance.now() - stopping < 60_000) {
      await new Promise((r) => setTimeout(r, 100));
    }
    const stopMs = performance.now() - stopping;
    try { process.kill(-pgid, 'SIGKILL'); } catch { /* gone */ }
    await exited;
    return { stopMs, left: await leftovers(dir) };
  }
}

export interface StartFigures {
  cold: number[];
  /** the second start, the page in the same browser as the first (a presenter's: the deck's assets in its cache) */
  warm: number[];
  /** the second start again, the page in a browser profile that never saw the deck */
  warmNewProfile: number[];
  installMs: number;
  notes: string[];
}

const newProfile = (browser: Browser) => browser.newContext({ viewport: { width: 1280, height: 720 } });

/**
 * One round in `clone`: a fresh state folder (and no dev-server cache) and a fresh browser profile, a cold start, then
 * a warm one in the same browser, then another warm one in a fresh browser profile.
 */
export async function startRound(clone: Clone, browser: Browser, ports: { deck: number; pg: number }, figures: StartFigures,
  first: boolean): Promise<void> {
  if (!first) {
    // as fresh as a new clone: no state folder, no dev-server dependency cache
    await rm(join(clone.dir, '.cluster'), { recursive: true, force: true });
    await rm(join(clone.dir, 'node_modules', '.vite'), { recursive: true, force: true });
  }
  const presenters = await newProfile(browser);
  for (const kind of ['cold', 'warm', 'warmNewProfile'] as const) {
    let sample: StartSample;
    const profile = kind === 'warmNewProfile' ? await newProfile(browser) : presenters;
    try {
      sample = await measureStart(clone.dir, profile, ports);
    } catch (err) {
      figures[kind].push(Number.NaN);
      figures.notes.push(`${kind} start failed: ${String(err).slice(0, 2000)}`);
      continue;
    } finally {
      if (profile !== presenters) await profile.close();
    }
    figures[kind].push(sample.readyMs);
    if (sample.stopMs >= 60_000) figures.notes.push(`${kind} start: still running 60 s after SIGINT`);
    if (sample.left.length) figures.notes.push(`${kind} start left running: ${sample.left.join('; ')}`);
    if (sample.printedReady) figures.notes.push(`${kind} (${(sample.readyMs / 1000).toFixed(2)} s): printed "${sample.printedReady}"`);
  }
  await presenters.close();
}

/** `rounds` × (fresh state folder → cold start → warm start) in one fresh clone of `ref`. */
export async function benchStart(ref: string, rounds: number, ports: { deck: number; pg: number }): Promise<StartFigures> {
  const clone = await cloneAt(ref);
  const browser = await launchChromium();
  const figures: StartFigures = { cold: [], warm: [], warmNewProfile: [], installMs: clone.installMs, notes: [] };
  try {
    for (let round = 0; round < rounds; round++) await startRound(clone, browser, ports, figures, round === 0);
  } finally {
    await browser.close();
    await clone.remove();
  }
  return figures;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const ref = process.argv[2] ?? 'HEAD';
  const { deckPort, clusterPort } = await benchPorts();
  const ports = { deck: deckPort, pg: clusterPort };
  const figures = await benchStart(ref, Number(process.env.BENCH_ROUNDS ?? 3), ports);
  const s = (v: number) => `${(v / 1000).toFixed(2)} s`;
  console.log(`(e) npm start → a Run block rendered with a streaming pair, clone of ${ref} (npm ci ${s(figures.installMs)})`);
  console.log(`    cold: median ${s(median(figures.cold))}  [${figures.cold.map(s).join(', ')}]  (target <= 5 s)`);
  console.log(`    warm, same browser: median ${s(median(figures.warm))}  [${figures.warm.map(s).join(', ')}]  (target <= 2 s)`);
  console.log(`    warm, new browser profile: median ${s(median(figures.warmNewProfile))}  [${figures.warmNewProfile.map(s).join(', ')}]`);
  for (const note of figures.notes) console.log(`    ${note}`);
}
