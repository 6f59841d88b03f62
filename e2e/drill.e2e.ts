// The interview drill in the browser: an interviewer's presenter view starts a named drill and may see its answer;
// the audience (candidate) page never holds the fault — not in its text, not in any message it received — until
// Reveal; the candidate's console shows the evidence; the diagnosis stops the timer; Reveal and Fix work; the practice
// log shows the drill; a toolkit block run mid-drill shows the fault's symptom. The presenter view times a demo
// against the seed's budget and logs it. Screenshots of both views mid-drill at 1280×720.
import { expect, test, type Browser, type Page } from '@playwright/test';
import { DECK_PORT } from '../playwright.config';
import { faultNamed } from '../server/drills/catalog';
import { giveaways } from '../server/drills/giveaways';
import { PracticeLog } from '../server/drills/practice-log';
import { startStack, type Stack } from '../server/testing/start-stack';
import { cell, nextSlide, previousSlide, runBlock, screenshot } from './support/deck';

const fault = faultNamed('replay-paused');

async function open(browser: Browser, url: string, frames?: string[]): Promise<Page> {
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 720 } })).newPage();
  page.on('websocket', (ws) => ws.on('framereceived', (f) => frames?.push(String(f.payload))));
  await page.goto(url);
  await expect(page.locator('[data-drill-controls]:visible').first()).toBeVisible();
  return page;
}

/** A message as the audience page received it, less the diagnosis list (the whole catalog, the same for every fault). */
function withoutChoices(frame: string): string {
  try {
    return JSON.stringify(JSON.parse(frame), (key, value: unknown) => (key === 'choices' ? [] : value));
  } catch {
    return frame;
  }
}

test.describe('an interview drill', () => {
  // ports reserved for this file by playwright.config.ts
  let stack: Stack;

  test.beforeAll(async () => {
    stack = await startStack({ deckPort: DECK_PORT + 4, clusterPort: Number(process.env.E2E_CLUSTER_PORT) + 18,
      args: ['--allow-edits'], env: { PGDEMO_EXPORTS_DIR: '/nonexistent/pgdemo-exports' } });
  });
  test.afterAll(async () => {
    await stack?.stop();
  });

  test('the presenter starts a named drill; the audience finds it with the console, names it, Reveal and Fix', async ({ browser }) => {
    const frames: string[] = [];
    const audience = await open(browser, `${stack.deckUrl}/drill`, frames);
    const no = /slidev-page-(\d+)/.exec(await audience.locator('.slidev-page:visible').first().getAttribute('class') ?? '')?.[1];
    const presenter = await open(browser, `${stack.deckUrl}/presenter/${no}`);
    const controls = presenter.locator('[data-drill-controls]').first();

    await controls.locator('[data-drill-fault]').selectOption(fault.name);
    await controls.locator('[data-drill-peek]').check();
    await controls.locator('[data-drill-start]').click();
    await expect(controls.locator('[data-drill-answer]')).toContainText(fault.title, { timeout: 60_000 });
    await expect(audience.locator('[data-drill-timer]')).toHaveText(/^\d+:\d\d$/, { timeout: 30_000 });
    await expect(audience.locator('[data-drill-answer]')).toHaveCount(0);
    await screenshot(audience, 'drill-audience-mid-drill');
    await screenshot(presenter, 'drill-presenter-mid-drill');

    // the toolkit: a block read during the drill shows the symptom (its first slide: the standby's receiver, replay)
    await nextSlide(audience);
    const receiver = await runBlock(audience, 'drill/02-standby-receiver', 30_000);
    expect(await cell(receiver, 'receiver')).toBe('streaming');
    expect(await cell(receiver, 'replay')).toBe('paused');
    await screenshot(audience, 'drill-audience-toolkit');

    for (let slide = 0; slide < 4; slide++) await nextSlide(audience);
    const console = audience.locator('[data-drill-console]:visible');
    await console.locator('select').selectOption('postgres-standby');
    await console.locator('[data-drill-console-sql]').fill('SELECT pg_get_wal_replay_pause_state() AS replay');
    await console.locator('[data-drill-console-run]').click();
    await expect(console.locator('[data-drill-console-result] td')).toHaveText(['paused']);
    await screenshot(audience, 'drill-audience-console');

    for (let slide = 0; slide < 5; slide++) await previousSlide(audience);
    const diagnosis = audience.locator('[data-drill-diagnosis]:visible');
    await diagnosis.locator('[data-drill-pick]').selectOption(fault.name);
    await diagnosis.locator('[data-drill-diagnose]').click();
    await expect(diagnosis.locator('[data-drill-verdict]')).toHaveAttribute('data-right', 'true');
    const timer = audience.locator('[data-drill-timer]:visible');
    await expect(timer).toHaveAttribute('data-stopped', 'true');
    const stoppedAt = await timer.innerText();
    await audience.waitForTimeout(2_100);
    expect(await timer.innerText()).toBe(stoppedAt);

    // before Reveal: the audience's text (less the diagnosis list) and every message it received name nothing of it
    const text = await audience.locator('.slidev-page:visible').evaluate((el) => {
      const copy = el.cloneNode(true) as HTMLElement;
      copy.querySelectorAll('select').forEach((s) => s.remove());
      return copy.innerText;
    });
    expect(frames.length).toBeGreaterThan(3);
    for (const word of giveaways(fault)) {
      expect(text).not.toContain(word);
      for (const frame of frames) expect(withoutChoices(frame)).not.toContain(word);
    }

    await controls.locator('[data-drill-reveal]').click();
    await expect(audience.locator('[data-drill-revealed]:visible')).toContainText(fault.cause.slice(0, 40));
    await controls.locator('[data-drill-fix]').click();
    await expect(audience.locator('[data-drill-fixed]:visible')).toHaveAttribute('data-healthy', 'true', { timeout: 60_000 });
    await screenshot(audience, 'drill-audience-fixed');

    for (let slide = 0; slide < 6; slide++) await nextSlide(audience);
    await expect(audience.locator('[data-drill-practice]:visible tr[data-kind="drill"]').first()).toContainText(fault.name);
    await screenshot(audience, 'drill-audience-practice');
  });

  test('the presenter view times a demo from its first slide to its last, against the seed\'s budget, and logs it', async ({ browser }) => {
    const audience = await (await browser.newContext({ viewport: { width: 1280, height: 720 } })).newPage();
    const slideNo = async (alias: string) => {
      await audience.goto(`${stack.deckUrl}/${alias}`);
      return /slidev-page-(\d+)/.exec(await audience.locator('.slidev-page:visible').first().getAttribute('class') ?? '')?.[1];
    };
    const last = await slideNo('demo2-end');
    const first = await slideNo('demo2');
    await expect(audience.locator('[data-demo-timer]')).toHaveCount(0); // the audience never sees it
    const presenter = await (await browser.newContext({ viewport: { width: 1280, height: 720 } })).newPage();
    await presenter.goto(`${stack.deckUrl}/presenter/${first}`);
    const timer = presenter.locator('[data-demo-timer]:visible').first();
    await expect(timer.locator('[data-demo-timer-elapsed]')).toHaveText(/^Demo 2 · 0:0\d \/ 15:00$/);
    const startedAt = await timer.locator('[data-demo-timer-elapsed]').innerText();
    await expect(timer.locator('[data-demo-timer-elapsed]')).not.toHaveText(startedAt, { timeout: 3_000 }); // it runs
    await screenshot(presenter, 'demo-timer-presenter-running');
    // a reload of the presenter's page keeps the demo's time running from where it was (a new timer would read 0:00)
    const seconds = async () => Number(/· 0:(\d\d) \//.exec(await timer.locator('[data-demo-timer-elapsed]').innerText())?.[1]);
    await expect.poll(seconds, { timeout: 6_000 }).toBeGreaterThanOrEqual(3);
    await presenter.reload();
    await expect(timer.locator('[data-demo-timer-elapsed]')).toBeVisible();
    expect(await seconds()).toBeGreaterThanOrEqual(3);
    // the presenter's address names a slide with a routeAlias by it
    const atEnd = () => [`/presenter/${last}`, '/presenter/demo2-end'].includes(new URL(presenter.url()).pathname);
    for (let i = 0; i < 30 && !atEnd(); i++) await nextSlide(presenter);
    expect(atEnd()).toBe(true);
    await expect(timer.locator('[data-demo-timer-logged]')).toHaveText(/^Demo 2: 0:\d\d of 15:00, within budget \(logged\)$/);
    await screenshot(presenter, 'demo-timer-presenter-logged');
    const logged = (await new PracticeLog(stack.stateDir).entries()).filter((e) => e.kind === 'demo');
    expect(logged).toEqual([expect.objectContaining({ kind: 'demo', demo: 2, budgetMs: 15 * 60_000 })]);
    expect(logged[0]!.kind === 'demo' && logged[0]!.ms).toBeGreaterThan(1_000);
  });
});
