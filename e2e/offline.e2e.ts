// The deck with no sidecar behind it (`pgdemo start --offline`; a sidecar that does not answer is the same to the
// page): every block shows its recording, marked as one, the summary's figures come from the recordings, the status
// bar says offline — and nothing on screen is an error.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { DECK_PORT } from '../playwright.config';
import { figureValue } from '../shared/figure-value';
import { readRecordings } from '../server/rehearse/recordings';
import { startStack, type Stack } from '../server/testing/start-stack';
import type { Recording } from '../shared/types';
import { ARTIFACTS, block, nextSlide, screenshot } from './support/deck';
import { checkEverySlide } from './support/layout';

const PORT = DECK_PORT + 2; // reserved for this file by playwright.config.ts
let stack: Stack;
let recordings: Map<string, Recording>;
let exportsDir: string;
// a PDF `npm run export` would have made: the deck's download button offers it
const PDF = '%PDF-1.4\n% pgdemo e2e\n';

test.describe.configure({ mode: 'serial' });
test.use({ baseURL: `http://127.0.0.1:${PORT}` });

test.beforeAll(async () => {
  recordings = await readRecordings();
  exportsDir = await mkdtemp(join(tmpdir(), 'pgdemo-e2e-exports-'));
  await writeFile(join(exportsDir, 'slides.pdf'), PDF);
  stack = await startStack({ deckPort: PORT, clusterPort: 0, args: ['--offline'], env: { PGDEMO_EXPORTS_DIR: exportsDir } });
});
test.afterAll(async () => {
  await stack?.stop();
  await rm(exportsDir, { recursive: true, force: true });
});

const label = (r: Recording) => `recorded ${r.recordedAt.slice(0, 10)} · PostgreSQL ${r.postgresVersion} · ${r.backend}`;

test('offline, each block shows its recording, marked, and the status bar says offline; no error on screen', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  await page.goto('/demo1');
  await expect(page.locator('.slidev-page h1:visible').first()).toBeVisible(); // the deck answers keys once a slide is on screen
  for (let i = 0; i < 4; i++) await nextSlide(page); // Step 4 · Monitor WAL accumulation
  const id = 'demo1/04-wal-retention';
  const recording = recordings.get(id)!;
  const b = block(page, id);
  await expect(b).toHaveAttribute('data-recorded', 'true');
  await expect(b.locator('.run-block__recorded')).toHaveText(label(recording));
  await expect(b.locator('td').nth(2)).toHaveText(figureValue(recording.result, { column: 'retained_wal' })!);
  await expect(b.getByRole('button', { name: 'Run', exact: true })).toBeDisabled();
  await expect(page.locator('.status-bar:visible')).toHaveAttribute('data-offline', 'true');
  await expect(page.locator('.status-bar:visible .status-bar__recorded')).toContainText('offline · results recorded');
  await expect(page.getByText('sidecar not connected')).toHaveCount(0);
  await expect(page.locator('[role="alert"]:visible')).toHaveCount(0);
  await screenshot(page, 'offline-recorded-block');
  expect(errors).toEqual([]);
});

test('offline, a lag chart draws the lag recorded while its slide\'s block ran, and says so', async ({ page }) => {
  await page.goto('/demo1');
  await expect(page.locator('.slidev-page h1:visible').first()).toBeVisible();
  await nextSlide(page); // Step 1: a block and the lag chart
  const chart = page.locator('.lag-chart:visible');
  await expect(chart.locator('.lag-chart__peak')).toHaveText(/^recorded \d{4}-\d\d-\d\d · PostgreSQL [\d.]+ · \w+: this step shaded · peak /);
  expect(Number(await chart.getAttribute('data-points'))).toBeGreaterThan(0);
  await screenshot(page, 'offline-recorded-lag');
});

test('offline, a demo summary computes every figure from the recordings', async ({ page }) => {
  await page.goto('/demo2-end');
  await expect(page.locator('[data-demo-end="demo2"]:visible')).toHaveCount(1); // the slide renders after the page loads
  const figures = await page.locator('.run-figure:visible').all();
  expect(figures.length).toBeGreaterThanOrEqual(4);
  for (const figure of figures) {
    await expect(figure).toHaveAttribute('data-recorded', 'true');
    await expect(figure).not.toHaveAttribute('data-value', '');
  }
  const rows = figureValue(recordings.get('demo2/04-throughput')!.result, { column: 'rows_per_sec' })!;
  await expect(page.locator('.run-figure:visible[data-figure="demo2/04-throughput"]').first()).toHaveAttribute('data-value', rows);
  await screenshot(page, 'offline-demo2-summary');
});

// On a Linux machine running Docker, Chromium drops every request in flight when a container starts or stops
// (net::ERR_NETWORK_CHANGED; the docker backend starts containers at each reset): what the deck fetches after the page
// itself — the view, each slide's code and styles, the recordings — must survive that. Here every such piece fails
// once, as a dropped fetch does.
test('offline, with every piece fetched after the page itself dropped once on its way: the slides and the recordings show', async ({ page, request }) => {
  const index = await (await request.get('/')).text();
  const withThePage = new Set([...index.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]));
  const dropped = new Set<string>();
  await page.route('**/assets/**', async (route) => {
    const path = new URL(route.request().url()).pathname;
    if (withThePage.has(path) || dropped.has(path)) return route.continue();
    dropped.add(path);
    return route.abort('connectionreset');
  });
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));

  await page.goto('/demo1');
  await expect(page.locator('.slidev-page h1:visible').first()).toBeVisible();
  for (let i = 0; i < 4; i++) await nextSlide(page); // Step 4 · Monitor WAL accumulation: its recording
  const recorded = block(page, 'demo1/04-wal-retention');
  await expect(recorded).toHaveAttribute('data-recorded', 'true');
  await expect(recorded.locator('.run-block__recorded')).toHaveText(label(recordings.get('demo1/04-wal-retention')!));
  // Slidev fetches every slide a few seconds after the page loads: those, dropped too, show when reached
  await page.waitForTimeout(4_000);
  await page.keyboard.press('g');
  await page.getByPlaceholder('Goto...').fill('Demo 8 · Summary');
  await page.keyboard.press('Enter');
  await expect(page.locator('[data-demo-end="demo8"]:visible')).toHaveCount(1);
  await expect(page.getByText('Failed to fetch this slide')).toHaveCount(0);
  await expect(page.locator('[role="alert"]:visible')).toHaveCount(0);
  // what was dropped: the audience's view, every slide's code, and the recordings
  expect([...dropped].some((p) => /\/play-[\w-]{8}\.js$/.test(p))).toBe(true);
  expect([...dropped].filter((p) => /\/md-[\w-]{8}\.js$/.test(p)).length).toBeGreaterThan(100);
  expect(dropped.size).toBeGreaterThan(recordings.size + 100);
  expect(errors).toEqual([]);
});

test('a slide whose code never arrives says so, and Try again fetches it once the deck server answers', async ({ page }) => {
  let answering = false;
  await page.route(/\/assets\/(.+\/)?md-[\w-]{8}\.js$/, (route) => (answering ? route.continue() : route.abort('connectionrefused')));
  await page.goto('/demo1');
  const alert = page.locator('.slide-not-loaded:visible');
  await expect(alert).toContainText(/^Slide \d+ did not arrive from the deck server/, { timeout: 15_000 });
  await screenshot(page, 'slide-not-loaded');
  answering = true;
  await alert.getByRole('button', { name: 'Try again' }).click();
  await expect(page.locator('.slidev-page h1:visible')).toHaveText(/^Demo 1/);
  await expect(alert).toHaveCount(0);
});

test('the deck\'s download button offers the exported PDF', async ({ page }) => {
  await page.goto('/demo1');
  const button = page.getByRole('button', { name: 'Download as PDF' });
  await expect(button).toHaveCount(1);
  await page.mouse.move(10, 700); // the navigation bar shows when the pointer is near it
  const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
  expect(download.suggestedFilename()).toMatch(/\.pdf$/);
  expect(await (await download.createReadStream()).toArray().then((c) => Buffer.concat(c).toString())).toBe(PDF);
});

test('offline, every slide with its recordings passes the layout check: readable, nothing cut off, nothing overlapping', async ({ page }) => {
  test.setTimeout(10 * 60_000);
  const reports = await checkEverySlide(page, join(ARTIFACTS, 'layout-offline'));
  expect(reports.length).toBeGreaterThan(60);
  expect(reports.flatMap((r) => r.problems.map((p) => `${r.slide}: ${p.kind}: ${p.what}`))).toEqual([]);
});
