// The drill on the docker backend, cheaply (`npm run e2e:docker`, whose stack is started with --allow-edits for it):
// one named drill started, one console query showing its evidence, one write refused, one toolkit block read; then
// Reset. The whole drill, both views, runs on the embedded backend in drill.e2e.ts (its own stack: the docker pair's
// container names are fixed, so a second stack cannot run beside the suite's).
import { expect, test } from '@playwright/test';
import { faultNamed } from '../server/drills/catalog';
import { nextSlide, output, runBlock } from './support/deck';

const fault = faultNamed('replay-paused');

test.skip(!process.env.E2E_ALLOW_EDITS, 'needs the suite\'s stack started with --allow-edits (E2E_ALLOW_EDITS=1, as npm run e2e:docker does)');

test('the drill console on the suite\'s pair: a named drill, its evidence read, a write refused', async ({ browser, baseURL }) => {
  // a context each: pages of one context follow each other's slide (Slidev's sync)
  const open = async () => (await browser.newContext({ viewport: { width: 1280, height: 720 } })).newPage();
  const audience = await open();
  await audience.goto(`${baseURL}/drill`);
  const no = /slidev-page-(\d+)/.exec(await audience.locator('.slidev-page:visible').first().getAttribute('class') ?? '')?.[1];
  const presenter = await open();
  await presenter.goto(`${baseURL}/presenter/${no}`);
  const controls = presenter.locator('[data-drill-controls]').first();
  await controls.locator('[data-drill-fault]').selectOption(fault.name);
  await controls.locator('[data-drill-start]').click();
  await expect(audience.locator('[data-drill-timer]:visible')).toHaveText(/^\d+:\d\d$/, { timeout: 60_000 });
  try {
    await nextSlide(audience); // the toolkit's first slide is the link's; its logs are the fourth
    for (let slide = 0; slide < 3; slide++) await nextSlide(audience);
    expect(await output(await runBlock(audience, 'drill/07-server-logs', 30_000))).toMatch(/== postgres-primary\n\d\d:\d\d:\d\d[\s\S]*== postgres-standby\n\d\d:\d\d:\d\d/);
    await nextSlide(audience);
    const console = audience.locator('[data-drill-console]:visible');
    await console.locator('select').selectOption('postgres-standby');
    await console.locator('[data-drill-console-sql]').fill('SELECT pg_get_wal_replay_pause_state() AS replay');
    await console.locator('[data-drill-console-run]').click();
    await expect(console.locator('[data-drill-console-result] td')).toHaveText(['paused']);
    await console.locator('select').selectOption('postgres-primary');
    await console.locator('[data-drill-console-sql]').fill('CREATE TABLE console_was_here (id int)');
    await console.locator('[data-drill-console-run]').click();
    await expect(console.locator('[role="alert"]')).toContainText('read-only transaction');
  } finally {
    await controls.locator('[data-drill-reset]').click({ timeout: 10_000 });
    await expect(controls.locator('[data-drill-start]')).toBeEnabled({ timeout: 60_000 }); // the drill ended, the pair reset
  }
});
