// `npm start` as a presenter uses it: one command brings up the cluster, the sidecar and the Slidev dev server and
// prints the deck's URL; the deck renders in a browser and reaches the cluster through its /api proxy; Ctrl-C stops all
// of them and leaves nothing running.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createCluster } from '../cluster/factory';
import { readSidecarFile } from '../sidecar/sidecar-file';
import { http } from '../testing/http';
import type { ClusterStatus } from '../types';

const projectRoot = fileURLToPath(new URL('../..', import.meta.url));
const DECK_PORT = 3140;
let stateDir: string;
let child: ChildProcess | undefined;

/** Every process whose command line mentions `needle` (ours: the state folder, the deck's port). */
async function processesMentioning(needle: string): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    const cmdline = await readFile(`/proc/${entry}/cmdline`, 'utf8').catch(() => '');
    if (cmdline.includes(needle)) found.push(`${entry} ${cmdline.replaceAll('\0', ' ').trim()}`);
  }
  return found;
}

const portOpen = (port: number) => new Promise<boolean>((resolve) => {
  const socket = connect(port, '127.0.0.1');
  socket.once('connect', () => { socket.destroy(); resolve(true); });
  socket.once('error', () => resolve(false));
});

async function until<T>(what: string, ms: number, probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    await sleep(200);
  }
  throw new Error(`${what} within ${ms / 1000} s`);
}

beforeAll(async () => {
  stateDir = await mkdtemp(join(tmpdir(), 'pgdemo-start-'));
});

afterAll(async () => {
  if (child?.exitCode === null && child.pid) process.kill(child.pid, 'SIGKILL');
  const cluster = createCluster({ stateDir });
  await cluster.down();
  await cluster.close();
  await rm(stateDir, { recursive: true, force: true });
});

it('starts cluster, sidecar and deck, prints the URL, and Ctrl-C stops them all', async () => {
  child = spawn(process.execPath, ['--import', 'tsx', 'server/cli/main.ts', 'start', '--deck-port', String(DECK_PORT)], {
    cwd: projectRoot,
    env: { ...process.env, PGDEMO_CLUSTER_DIR: stateDir, PGDEMO_PORT: '55750' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let printed = '';
  child.stdout!.on('data', (chunk: Buffer) => (printed += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (printed += chunk.toString()));

  const deckUrl = await until('the deck URL was not printed', 120_000, async () =>
    /Deck:\s+(http:\/\/localhost:\d+)\//.exec(printed)?.[1]);
  expect(deckUrl).toBe(`http://localhost:${DECK_PORT}`);

  // the dev server serves the deck, and its /api proxy reaches the sidecar with the token added
  await until('the deck did not answer', 120_000, async () => {
    const page = await http(`${deckUrl}/`);
    return page.status === 200 && page.body.includes('<div id="app"') ? true : undefined;
  });
  const status = await until('no streaming pair behind the deck', 60_000, async () => {
    const answer = await http(`${deckUrl}/api/cluster`);
    const body = answer.status === 200 ? answer.json<ClusterStatus>() : undefined;
    return body?.nodes.find((n) => n.name === 'postgres-standby')?.replicationState === 'streaming' ? body : undefined;
  });
  expect(status.nodes.map((n) => [n.name, n.role, n.state])).toEqual([
    ['postgres-primary', 'primary', 'running'], ['postgres-standby', 'standby', 'running']]);

  // and in a real browser the dev server's deck renders a demo slide with the live status bar
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = await browser.newPage();
    await page.goto(`${deckUrl}/demo1`);
    await page.locator('.status-bar:visible [data-node="postgres-standby"][data-state="running"]')
      .waitFor({ timeout: 90_000 });
    expect(await page.locator('h1:visible').first().textContent()).toMatch(/Demo 1/);
  } finally {
    await browser.close();
  }
  const sidecarPort = Number(new URL((await readSidecarFile(stateDir))!.url).port);

  expect(await processesMentioning(stateDir)).not.toEqual([]);
  child.kill('SIGINT');
  const [code] = await Promise.race([once(child, 'exit'), sleep(30_000).then(() => ['did not exit within 30 s'])]);
  expect(code).toBe(0);

  // nothing of ours is left: no postgres on our data folders, no Slidev, no listening port
  await until('processes were left running', 5000, async () =>
    (await processesMentioning(stateDir)).length === 0 ? true : undefined).catch(async (err: Error) => {
    throw new Error(`${err.message}:\n${(await processesMentioning(stateDir)).join('\n')}`);
  });
  expect(await processesMentioning(`--port ${DECK_PORT}`)).toEqual([]);
  expect(await portOpen(DECK_PORT)).toBe(false);
  expect(await portOpen(sidecarPort)).toBe(false);
  expect(await portOpen(55750)).toBe(false);
  expect(printed).toContain('postgres-primary');
  expect(printed).not.toContain('exited with code'); // the deck stopped because we asked, not a crash to report
}, 240_000);
