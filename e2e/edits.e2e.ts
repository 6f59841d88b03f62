// Live edits: with `--allow-edits` a block is edited in place, run, and put back, and the edited run is marked
// "edited" in the presenter and the audience views alike; without it (the suite's own deck) there is no editor, and
// typing into a block says how to enable editing.
import { expect, test, type Browser, type Page } from '@playwright/test';
import { DECK_PORT } from '../playwright.config';
import { startStack, type Stack } from '../server/testing/start-stack';
import { block, nextSlide, screenshot } from './support/deck';

const ID = 'demo1/01-healthy-state';

async function onStep1(browser: Browser, url: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto(url);
  await expect(page.locator('.slidev-page h1:visible').first()).toBeVisible(); // the deck answers keys once a slide is on screen
  if (await block(page, ID).count() === 0) await nextSlide(page);
  await expect(block(page, ID)).toHaveCount(1);
  return page;
}

test.describe('with --allow-edits', () => {
  // ports reserved for this file by playwright.config.ts
  const PORT = DECK_PORT + 3;
  let stack: Stack;

  test.beforeAll(async () => {
    // no exported PDF here: the deck offers no download
    stack = await startStack({ deckPort: PORT, clusterPort: Number(process.env.E2E_CLUSTER_PORT) + 12, args: ['--allow-edits'],
      env: { PGDEMO_EXPORTS_DIR: '/nonexistent/pgdemo-exports' } });
  });
  test.afterAll(async () => {
    await stack?.stop();
  });

  test('a block is edited, run and put back; the edited run is marked in the presenter and the audience views', async ({ browser }) => {
    const audience = await onStep1(browser, `${stack.deckUrl}/demo1`);
    const no = new URL(audience.url()).pathname.replace(/^\//, '');
    const presenter = await onStep1(browser, `${stack.deckUrl}/presenter/${no}`);
    const mine = block(presenter, ID).first();
    await expect(audience.getByRole('button', { name: 'Download as PDF' })).toHaveCount(0);

    await mine.getByRole('button', { name: 'Edit' }).click();
    const editor = mine.locator('textarea');
    await expect(editor).toBeFocused();
    await editor.fill("SELECT 'what if' AS question, 6 * 7 AS answer;");
    await mine.getByRole('button', { name: 'Run', exact: true }).click();
    for (const page of [presenter, audience]) {
      const b = block(page, ID).first();
      await expect(b).toHaveAttribute('data-edited', 'true');
      await expect(b.locator('.run-block__edited')).toHaveText('edited');
      await expect(b.locator('th')).toHaveText(['question', 'answer']);
      await expect(b.locator('td')).toHaveText(['what if', '42']);
    }
    // the audience sees the text that ran, not the deck's
    await expect(block(audience, ID).locator('.run-block__code')).toContainText('6 * 7 AS answer');
    await screenshot(audience, 'edits-audience-edited-run');

    await mine.getByRole('button', { name: 'Put back' }).click();
    await expect(mine.locator('textarea')).toHaveCount(0);
    await mine.getByRole('button', { name: 'Run', exact: true }).click();
    for (const page of [presenter, audience]) {
      const b = block(page, ID).first();
      await expect(b.locator('th').first()).toHaveText('application_name');
      await expect(b).not.toHaveAttribute('data-edited', 'true');
      await expect(b.locator('.run-block__code')).not.toContainText('6 * 7');
    }
  });
});

test('without --allow-edits a block has no editor, and typing into it says how to enable editing', async ({ browser, baseURL }) => {
  const page = await onStep1(browser, `${baseURL}/demo1`);
  const b = block(page, ID);
  await expect(b.getByRole('button', { name: 'Edit' })).toHaveCount(0);
  await b.locator('.run-block__code').focus();
  await page.keyboard.type('x');
  await expect(b.locator('textarea')).toHaveCount(0);
  await expect(b.locator('.run-block__hint')).toContainText('npm start -- --allow-edits');
});
