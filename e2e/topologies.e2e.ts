// Three nodes in the deck: reset to each topology (as a demo's reset brings its own), then what the audience sees —
// the status bar lists every node with its upstream and each troubled link in the standby it leads into, the picture
// draws who streams from whom (two standbys as a fan out of the primary, the cascade as a chain whose second arrow
// starts at the standby; turned on its side in a slide's half), the lag chart draws a line per standby. Screenshots in e2e/artifacts/topology-*.png. The
// pair is put back after, for the files that run next.
import { expect, test, type Page } from '@playwright/test';
import type { NodeName } from '../shared/types';
import { nextSlide, resetTo, screenshot, statusNode } from './support/deck';
import { measureSlide, settle } from './support/layout';

test.describe.configure({ mode: 'serial' });
test.afterAll(async ({ request }) => { await resetTo(request, 'pair'); });

// the picture holds its turned arrangement too (three nodes in a narrow room), hidden: what is seen counts
const link = (page: Page, from: NodeName, to: NodeName) => page.locator(`.topology:visible [data-link="${from}->${to}"]:visible`);
const pictureLinks = (page: Page) => page.locator('.topology:visible [data-link]:visible').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.link));
const barNodes = (page: Page) => page.locator('.status-bar:visible [data-node]').evaluateAll((els) =>
  els.map((e) => `${(e as HTMLElement).dataset.node} <- ${(e as HTMLElement).dataset.upstream || 'none'}`));

/** Demo 1's title slide (the picture), checked like the layout test checks every slide, and saved. */
async function lookAtPicture(page: Page, name: string): Promise<void> {
  await settle(page);
  expect((await measureSlide(page)).problems).toEqual([]);
  await screenshot(page, name);
}

/** The next slide, Step 1 (a block and the lag chart): a line per standby, once a few snapshots drew them. */
async function lookAtChart(page: Page, name: string, standbys: NodeName[]): Promise<void> {
  await nextSlide(page);
  const chart = page.locator('.lag-chart:visible');
  await expect(chart).toHaveAttribute('data-series', standbys.join(' '));
  await settle(page);
  expect((await measureSlide(page)).problems).toEqual([]);
  await screenshot(page, name);
}

async function openDemo1(page: Page, nodes: number): Promise<void> {
  await page.goto('/demo1');
  await expect(page.locator('.status-bar:visible [data-node]')).toHaveCount(nodes);
}

test('the pair: two nodes, one arrow, one line, as before', async ({ page, request }) => {
  await resetTo(request, 'pair');
  await openDemo1(page, 2);
  expect(await barNodes(page)).toEqual(['postgres-primary <- none', 'postgres-standby <- postgres-primary']);
  await expect(page.locator('.topology:visible')).toHaveAttribute('data-layout', 'row');
  await expect(link(page, 'postgres-primary', 'postgres-standby')).toHaveAttribute('data-link-state', 'streaming');
  expect(await pictureLinks(page)).toEqual(['postgres-primary->postgres-standby']);
  await lookAtPicture(page, 'topology-pair');
  await lookAtChart(page, 'topology-pair-chart', ['postgres-standby']);
});

test('two standbys: three nodes in the bar, a fan of two arrows out of the primary, two lines', async ({ page, request }) => {
  await resetTo(request, 'two-standbys');
  await openDemo1(page, 3);
  expect(await barNodes(page)).toEqual(['postgres-primary <- none', 'postgres-standby <- postgres-primary', 'postgres-standby2 <- postgres-primary']);
  await expect(page.locator('.topology:visible')).toHaveAttribute('data-layout', 'row');
  for (const standby of ['postgres-standby', 'postgres-standby2'] as const) {
    await expect(link(page, 'postgres-primary', standby)).toHaveAttribute('data-link-state', 'streaming');
    await expect(link(page, 'postgres-primary', standby).locator('.topology__lag')).toHaveText(/^lag \d+ (bytes|kB|MB)$/);
  }
  expect(await pictureLinks(page)).toEqual(['postgres-primary->postgres-standby', 'postgres-primary->postgres-standby2']);
  // the primary in the middle, an arrow out of each side into its standby (pointing at it), at the nodes' height
  const box = (sel: string) => page.locator(`.topology:visible ${sel}:visible`).boundingBox().then((b) => b!);
  const primary = await box('[data-node="postgres-primary"]');
  const [standby, standby2] = await Promise.all([box('[data-node="postgres-standby"]'), box('[data-node="postgres-standby2"]')]);
  const [into, into2] = await Promise.all(['postgres-standby', 'postgres-standby2'].map((s) => box(`[data-link="postgres-primary->${s}"] .topology__arrow`)));
  expect(standby.x + standby.width).toBeLessThanOrEqual(into!.x + 1);
  expect(into!.x + into!.width).toBeLessThanOrEqual(primary.x + 1);
  expect(primary.x + primary.width).toBeLessThanOrEqual(into2!.x + 1);
  expect(into2!.x + into2!.width).toBeLessThanOrEqual(standby2.x + 1);
  for (const arrow of [into!, into2!]) expect(arrow.y).toBeGreaterThan(primary.y);
  await expect(link(page, 'postgres-primary', 'postgres-standby').locator('.topology__arrow:visible path')).toHaveAttribute('d', 'M10,1 L1,6 L10,11'); // head on the left
  await lookAtPicture(page, 'topology-two-standbys');
  await lookAtChart(page, 'topology-two-standbys-chart', ['postgres-standby', 'postgres-standby2']);
});

test('cascade: a chain, the arrow into standby2 starting at the standby; a frozen middle node pauses both links', async ({ page, request }) => {
  await resetTo(request, 'cascade');
  await openDemo1(page, 3);
  expect(await barNodes(page)).toEqual(['postgres-primary <- none', 'postgres-standby <- postgres-primary', 'postgres-standby2 <- postgres-standby']);
  await expect(statusNode(page, 'postgres-standby2').locator('.status-bar__upstream')).toHaveText('of postgres-standby');
  await expect(page.locator('.topology:visible')).toHaveAttribute('data-layout', 'row');
  await expect(link(page, 'postgres-standby', 'postgres-standby2')).toHaveAttribute('data-link-state', 'streaming');
  expect(await pictureLinks(page)).toEqual(['postgres-primary->postgres-standby', 'postgres-standby->postgres-standby2']);
  // primary, standby, standby2 left to right, each arrow between the two nodes it joins
  const left = (sel: string) => page.locator(`.topology:visible ${sel}:visible`).boundingBox().then((b) => b!.x);
  const xs = await Promise.all(['[data-node="postgres-primary"]', '[data-link="postgres-primary->postgres-standby"]', '[data-node="postgres-standby"]',
    '[data-link="postgres-standby->postgres-standby2"]', '[data-node="postgres-standby2"]'].map(left));
  expect(xs).toEqual([...xs].sort((a, b) => a - b));
  await lookAtPicture(page, 'topology-cascade');

  expect((await request.post('/api/cluster/freeze', { data: { node: 'postgres-standby' } })).ok()).toBe(true);
  try {
    for (const [from, to] of [['postgres-primary', 'postgres-standby'], ['postgres-standby', 'postgres-standby2']] as const) {
      await expect(link(page, from, to)).toHaveAttribute('data-link-state', 'paused');
      await expect(statusNode(page, to).locator('.status-bar__link')).toHaveAttribute('data-link', `${from}->${to}`);
    }
    await expect(page.locator('.status-bar:visible .status-bar__link')).toHaveText(['paused (frozen)', 'paused (frozen)']);
    await lookAtPicture(page, 'topology-cascade-frozen-middle');
  } finally {
    expect((await request.post('/api/cluster/thaw', { data: { node: 'postgres-standby' } })).ok()).toBe(true);
  }
  await expect(link(page, 'postgres-standby', 'postgres-standby2')).toHaveAttribute('data-link-state', 'streaming', { timeout: 30_000 });
  await lookAtChart(page, 'topology-cascade-chart', ['postgres-standby', 'postgres-standby2']);
});
