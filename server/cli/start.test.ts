// `npm start` as a presenter uses it: one command brings up the cluster, the sidecar and the built deck's server and
// prints the deck's URL and the time to ready; the deck renders in a browser and reaches the cluster through its /api;
// Ctrl-C stops all of them and leaves nothing running.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { browserLaunchOptions } from '../system/find-browser';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createCluster } from '../cluster/factory';
import { pollUntil } from '../cluster/poll';
import { commandLinesMentioning, pairPorts } from '../cluster/test-support';
import { reservePorts } from '../system/port-reservation';
import { readSidecarFile } from '../sidecar/sidecar-file';
import { http } from '../system/http';
import type { ClusterStatus } from '../../shared/types';

const projectRoot = fileURLToPath(new URL('../..', import.meta.url));
const DECK_PORT = await reservePorts(1);
const CLUSTER_PORT = await pairPorts();
let stateDir: string;
let child: ChildProcess | undefined;

const portOpen = (port: number) => new Promise<boolean>((resolve) => {
  const socket = connect(port, '127.0.0.1');
  socket.once('connect', () => { socket.destroy(); resolve(true); });
  socket.once('error', () => resolve(false));
});

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
    env: { ...process.env, PGDEMO_CLUSTER_DIR: stateDir, PGDEMO_PORT: String(CLUSTER_PORT) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let printed = '';
  child.stdout!.on('data', (chunk: Buffer) => (printed += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (printed += chunk.toString()));

  const deckUrl = await pollUntil(async () => /Deck:\s+(http:\/\/localhost:\d+)\//.exec(printed)?.[1],
    { timeoutMs: 120_000, what: 'the deck\'s address to be printed' });
  expect(deckUrl).toBe(`http://localhost:${DECK_PORT}`);

  // the start process serves the deck, and its /api reaches the sidecar with the token added
  await pollUntil(async () => {
    const page = await http(`${deckUrl}/`);
    return page.status === 200 && page.body.includes('<div id="app"');
  }, { timeoutMs: 120_000, what: 'the deck\'s page' });
  const status = await pollUntil(async () => {
    const answer = await http(`${deckUrl}/api/cluster`);
    const body = answer.status === 200 ? answer.json<ClusterStatus>() : undefined;
    const streaming = body?.nodes.find((n) => n.name === 'postgres-standby')?.replicationState === 'streaming';
    return streaming ? body : undefined;
  }, { timeoutMs: 60_000, what: 'a streaming standby through the deck\'s /api' });
  expect(status!.nodes.map((n) => [n.name, n.role, n.state])).toEqual([
    ['postgres-primary', 'primary', 'running'], ['postgres-standby', 'standby', 'running']]);

  // and in a real browser the deck renders a demo slide with the live status bar
  const browser = await chromium.launch(browserLaunchOptions());
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

  expect(await commandLinesMentioning(stateDir)).not.toEqual([]);
  child.kill('SIGINT');
  const [code] = await Promise.race([once(child, 'exit'), sleep(30_000).then(() => ['did not exit within 30 s'])]);
  expect(code).toBe(0);

  // nothing of ours is left: no postgres on our data folders, no Slidev, no listening port
  await pollUntil(async () => (await commandLinesMentioning(stateDir)).length === 0,
    { timeoutMs: 5000, what: 'nothing left running in the state folder' }).catch(async () => {
    throw new Error(`left running:\n${(await commandLinesMentioning(stateDir)).join('\n')}`);
  });
  expect(await commandLinesMentioning(`--port ${DECK_PORT}`)).toEqual([]);
  expect(await portOpen(DECK_PORT)).toBe(false);
  expect(await portOpen(sidecarPort)).toBe(false);
  expect(await portOpen(CLUSTER_PORT)).toBe(false);
  expect(printed).toContain('postgres-primary');
  expect(printed).toMatch(/Ready in \d+\.\d s/);
  expect(printed).not.toContain('exited with code'); // the deck stopped because we asked, not a crash to report
}, 240_000);
