// Driving the deck like a presenter: go to a demo, reset, click every Run in order, read what the slides show.
import { expect, type APIRequestContext, type Locator, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../../server/testing/start-stack';
import type { TopologyName } from '../../shared/topology';
import { demoTopology, resetBefore } from '../../shared/demo-topology';
import type { NodeName } from '../../shared/types';

export const ARTIFACTS = join(projectRoot, 'e2e', 'artifacts');

/** The block of the slide on screen (preloaded neighbour slides are in the DOM too, hidden). */
export const block = (page: Page, id: string): Locator => page.locator(`[data-snippet="${id}"]:visible`);

/** A node in the status bar of the slide on screen. */
export const statusNode = (page: Page, node: NodeName): Locator =>
  page.locator(`.status-bar:visible [data-node="${node}"]`);

/** Clicks Run and waits until this click's run has finished (a new runId, state done or error). */
export async function runBlock(page: Page, id: string, timeoutMs = 180_000): Promise<Locator> {
  const b = block(page, id);
  await expect(b).toHaveCount(1);
  const before = (await b.getAttribute('data-run-id')) ?? '';
  await b.getByRole('button', { name: 'Run', exact: true }).click();
  // Slidev's navigation keys are dead while a button has focus: a clicked Run must not keep it
  expect(await page.evaluate(() => document.activeElement?.tagName)).not.toBe('BUTTON');
  await expect.poll(async () => {
    const [runId, state] = await Promise.all([b.getAttribute('data-run-id'), b.getAttribute('data-state')]);
    return runId && runId !== before && (state === 'done' || state === 'error') ? state : 'waiting';
  }, { timeout: timeoutMs, intervals: [100, 250, 500] }).not.toBe('waiting');
  return b;
}

/** The text of a cell in the last result table of a block that has this column (null = SQL NULL). */
export async function cell(b: Locator, column: string, row = 0): Promise<string | null | undefined> {
  return b.evaluate((el, [name, index]) => {
    for (const table of [...el.querySelectorAll('table')].reverse()) {
      const heads = [...table.querySelectorAll('th')].map((th) => th.textContent?.trim());
      const i = heads.indexOf(name as string);
      if (i < 0) continue;
      const td = table.querySelectorAll('tbody tr')[index as number]?.querySelectorAll('td')[i];
      if (!td) return undefined;
      return td.hasAttribute('data-null') ? null : (td.textContent ?? '').trim();
    }
    return undefined;
  }, [column, row] as const);
}

export const output = (b: Locator): Promise<string> => b.locator('.shell-output').innerText();

/** Saved as e2e/artifacts/<name>.png (<name>-docker.png when the stack runs the docker backend). */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const backend = process.env.PGDEMO_BACKEND && process.env.PGDEMO_BACKEND !== 'embedded' ? `-${process.env.PGDEMO_BACKEND}` : '';
  await page.screenshot({ path: join(ARTIFACTS, `${name}${backend}.png`) });
}

/** ArrowRight (the next click or slide), then wait until that slide is on screen: slides render asynchronously. */
export const nextSlide = (page: Page): Promise<void> => moveSlide(page, 'ArrowRight');
/** ArrowLeft (the previous click or slide), as nextSlide. */
export const previousSlide = (page: Page): Promise<void> => moveSlide(page, 'ArrowLeft');

async function moveSlide(page: Page, key: 'ArrowRight' | 'ArrowLeft'): Promise<void> {
  // a key pressed while the deck still mounts (right after goto) is lost: first the slide on screen, as a presenter sees it
  await expect(page.locator('.slidev-page h1:visible').first()).toBeVisible();
  const url = page.url();
  await page.keyboard.press(key);
  await page.waitForURL((u) => u.toString() !== url, { timeout: 10_000 });
  const no = /^\/(\d+)$/.exec(new URL(page.url()).pathname)?.[1];
  if (no) await expect(page.locator(`.slidev-page-${no} h1:visible`)).toHaveCount(1);
}

/** The demo's first slide at `url` (its path, or a whole address), then slide by slide until block `id` is on screen. */
export async function walkToBlock(page: Page, url: string, id: string): Promise<Locator> {
  await page.goto(url);
  await expect(page.locator('.slidev-page h1:visible')).toHaveCount(1);
  for (let i = 0; i < 20 && await block(page, id).count() === 0; i++) await nextSlide(page);
  return block(page, id);
}

/** Clicks the slide's Reset button and waits for its report. */
async function resetOnSlide(page: Page, name: string | RegExp): Promise<void> {
  await page.locator('.reset-demo:visible').getByRole('button', { name }).click();
  const done = page.locator('[data-reset-done]:visible');
  await expect(done).toBeVisible({ timeout: 60_000 });
  // how long it took is the benchmarks' business (bench/, ratios in one run), not a timed assertion here
  expect(Number(await done.getAttribute('data-duration-ms'))).toBeGreaterThan(0);
}

/**
 * A whole demo as a presenter runs it: its first slide, "Reset for this demo", then slide by slide (clicks included)
 * every Run in order until the demo's summary slide. `afterEach` runs right after each block finished; `onSlide` on
 * every slide (and click) before its blocks run.
 */
export async function walkDemo(page: Page, demo: string, afterEach: (id: string, b: Locator) => Promise<void> = async () => {},
  onSlide?: () => Promise<void>): Promise<string[]> {
  await page.goto(`/${demo}`);
  // the demo's shape, from the one table (shared/demo-topology.ts) the button reads too
  await expect(page.locator('.reset-demo:visible')).toHaveAttribute('data-topology', demoTopology(demo));
  await resetOnSlide(page, 'Reset for this demo');
  const ran: string[] = [];
  for (let step = 0; step < 100; step++) {
    await onSlide?.();
    const ids = await page.locator('[data-snippet]:visible').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.snippet!));
    // a reset within the demo, on the slide of the block it comes before (Demo 8: to the cascade and back)
    const midDemo = page.locator('.reset-demo[data-reset-before]:visible');
    const before = await midDemo.count() ? await midDemo.getAttribute('data-reset-before') : null;
    if (before && !ran.includes(before)) {
      await expect(page.locator('.reset-demo:visible')).toHaveAttribute('data-topology', resetBefore(before)!);
      await resetOnSlide(page, /^Reset to the /);
    }
    for (const id of ids.filter((i) => !ran.includes(i))) {
      ran.push(id);
      const b = await runBlock(page, id);
      const state = await b.getAttribute('data-state');
      if (state !== 'done') throw new Error(`${id} ended in state ${state}:\n${(await b.innerText()).slice(0, 2000)}`);
      await afterEach(id, b);
    }
    if (await page.locator(`[data-demo-end="${demo}"]:visible`).count() > 0) return ran;
    await nextSlide(page);
  }
  throw new Error(`never reached the end of ${demo}`);
}

/** The cluster reset to this shape (shared/topology.ts) through the deck's own /api, as a demo's reset brings its own. */
export async function resetTo(request: APIRequestContext, topology: TopologyName): Promise<void> {
  const answer = await request.post('/api/cluster/reset', { data: { topology }, timeout: 120_000 });
  expect(answer.ok(), `reset to ${topology}: ${answer.status()} ${await answer.text()}`).toBe(true);
}
