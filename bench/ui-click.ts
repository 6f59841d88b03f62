// (d) Browser click → result table on screen, for a one-row SELECT through the deck `npm start` serves and the
// sidecar: p50 over >= 50 clicks, beside the sidecar's own durationMs for the same runs. Timed inside the page:
// "in DOM" when the new run's table is in the document, "painted" at the first animation frame after that (the frame
// that paints it). Target: in DOM <= 2x the sidecar's time, painted on that first frame.
import type { Browser, Page } from 'playwright-core';
import { startStack } from '../server/testing/start-stack';
import { launchChromium } from './start';
import { benchPorts, median, ms, percentile } from './support';

const CLICKS = Math.max(50, Number(process.env.BENCH_CLICKS ?? 60));
const WARMUP = 5;
export const SNIPPET = 'demo6/04-in-flight-transactions'; // SELECT count(*), max(age(…)) FROM pg_stat_activity: one row

/**
 * In-page JS (plain text: tsx would wrap a function literal with helpers that do not exist in the page): the block on
 * screen, its Run `button`, and `newTable(before)`, kept when the block shows a run other than `before` with its table.
 */
export const IN_PAGE_BLOCK = `
  const block = [...document.querySelectorAll('[data-snippet="${SNIPPET}"]')].find((e) => e.offsetParent !== null);
  const button = [...block.querySelectorAll('button')].find((b) => b.textContent.trim() === 'Run');
  const newTable = (before) => new Promise((resolve) => {
    const observer = new MutationObserver(() => {
      if (block.dataset.state === 'done' && block.dataset.runId && block.dataset.runId !== before
        && block.querySelector('.sql-result--table tbody tr')) { observer.disconnect(); resolve(); }
    });
    observer.observe(block, { attributes: true, childList: true, subtree: true });
  });`;

/** Demo 6 at the slide that shows the block. */
export async function openBlockSlide(page: Page, deckUrl: string): Promise<void> {
  await page.goto(`${deckUrl}/demo6`);
  const selector = `[data-snippet="${SNIPPET}"]:visible`;
  for (let i = 0; i < 10 && await page.locator(selector).count() === 0; i++) {
    // a key pressed while the deck still mounts (right after goto) is lost, as e2e/support/deck.ts's nextSlide knows:
    // the slide on screen first (bench:speed timed out here under load)
    await page.locator('.slidev-page h1:visible').first().waitFor({ timeout: 60_000 });
    const url = page.url();
    await page.keyboard.press('ArrowRight');
    await page.waitForURL((u) => u.toString() !== url);
    await page.waitForTimeout(300); // let the slide render before looking (bench only; not a test)
  }
}

/**
 * sidecar: the run's own `durationMs`; held: the sidecar's whole share, message in to answer out (`sidecarMs` of the
 * socket's answer; NaN where the version under test does not say it)
 */
export interface ClickSample { dom: number; painted: number; sidecar: number; held: number }

/** `clicks` Runs of the one-row SELECT on a fresh page of the deck at `deckUrl`, after a few unmeasured ones. */
export async function measureClicks(browser: Browser, deckUrl: string, clicks: number): Promise<ClickSample[]> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  // the replies to the clicks' run requests, in order (one per click; the page opens its channel as it loads): the
  // page's channel (`{type: 'reply', to: 'run', sidecarMs}`), or the run socket of the versions before it
  // (`{id, result, sidecarMs}`), so that bench:speed can set the two side by side
  const held: number[] = [];
  page.on('websocket', (socket) => socket.on('framereceived', ({ payload }) => {
    const reply = JSON.parse(String(payload)) as { type?: string; to?: string; result?: unknown; sidecarMs?: number };
    if (reply.type === undefined ? reply.result : reply.type === 'reply' && reply.to === 'run') held.push(reply.sidecarMs ?? Number.NaN);
  }));
  try {
    await openBlockSlide(page, deckUrl);
    const samples = await page.evaluate<Omit<ClickSample, 'held'>[]>(`(async () => {${IN_PAGE_BLOCK}
      const out = [];
      for (let i = 0; i < ${clicks + WARMUP}; i++) {
        const before = block.dataset.runId;
        const start = performance.now();
        const shown = newTable(before);
        button.click();
        await shown;
        const dom = performance.now() - start;
        const painted = await new Promise((r) => requestAnimationFrame(() => r(performance.now() - start)));
        out.push({ dom, painted, sidecar: Number(block.dataset.durationMs) });
        // the next click at a random moment of the frame, as a presenter's would be (a fixed pause after a frame
        // would lock every click to the same phase of the 60 Hz clock, and "next frame" with it)
        await new Promise((r) => setTimeout(r, 30 + Math.random() * 17));
      }
      return out.slice(${WARMUP});
    })()`);
    // a page (of a version before the channel) whose socket did not open ran its clicks over POST: no answers to pair with
    const answers = held.length === clicks + WARMUP ? held.slice(WARMUP) : [];
    return samples.map((s, i) => ({ ...s, held: answers[i] ?? Number.NaN }));
  } finally {
    await page.close();
  }
}

export interface ClickSummary { dom: number; painted: number; sidecar: number; held: number; pageAndWire: number }

/** p50s; `pageAndWire` is each click's time in DOM beyond the sidecar's whole share (`held`) */
export function summarizeClicks(samples: ClickSample[]): ClickSummary {
  return {
    dom: median(samples.map((s) => s.dom)),
    painted: median(samples.map((s) => s.painted)),
    sidecar: median(samples.map((s) => s.sidecar)),
    held: median(samples.map((s) => s.held)),
    pageAndWire: median(samples.map((s) => s.dom - s.held)),
  };
}

export async function benchUiClick(): Promise<number> {
  const stack = await startStack(await benchPorts());
  const browser = await launchChromium();
  try {
    const samples = await measureClicks(browser, stack.deckUrl, CLICKS);
    const pick = (key: keyof ClickSample) => samples.map((s) => s[key]);
    const p50 = summarizeClicks(samples);
    console.log(`(d) browser click → result table, one-row SELECT (${SNIPPET}), ${samples.length} clicks`);
    console.log(`    click → table in DOM   p50 ${ms(p50.dom)}  p90 ${ms(percentile(pick('dom'), 90))}`);
    console.log(`    click → next frame     p50 ${ms(p50.painted)}  p90 ${ms(percentile(pick('painted'), 90))}`);
    console.log(`    sidecar durationMs     p50 ${ms(p50.sidecar)}  p90 ${ms(percentile(pick('sidecar'), 90))}`);
    console.log(`    sidecar, message in → answer out  p50 ${ms(p50.held)}  p90 ${ms(percentile(pick('held'), 90))}`);
    console.log(`    page + wire (in DOM − that)       p50 ${ms(p50.pageAndWire)}`);
    console.log(`    ratio in-DOM / sidecar = ${(p50.dom / p50.sidecar).toFixed(1)}x (target <= 2x)`);
    return p50.dom / p50.sidecar;
  } finally {
    await browser.close();
    await stack.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await benchUiClick();
