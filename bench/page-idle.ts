// (i) What the deck's page costs while the presenter talks: the main thread's busy time per second on a demo slide, with
// the status feed pushing ~4 Hz and every slide mounted (Slidev mounts them all a few seconds after the first load).
// That time competes with the sidecar and PostgreSQL for the same cores, and delays whatever the next click does.
// From a CPU profile of the page (CDP), so it counts the page's JavaScript, not style, layout or paint.
import { writeFile } from 'node:fs/promises';
import type { Browser } from 'playwright-core';
import { startStack } from '../server/testing/start-stack';
import { launchChromium } from './start';
import { benchPorts } from './support';

const SECONDS = Number(process.env.BENCH_IDLE_SECONDS ?? 10);

interface ProfileNode { id: number; callFrame: { functionName: string } }

/** ms of the page's main thread spent per second (idle, program and GC aside from "busy" as the profiler says). */
export async function measurePageIdle(browser: Browser, deckUrl: string, seconds = SECONDS): Promise<{ busyMsPerSecond: number; mountedSlides: number }> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  try {
    await page.goto(`${deckUrl}/demo1`);
    await page.locator('.status-bar [data-node="postgres-standby"]:visible').first().waitFor({ timeout: 60_000 });
    await page.waitForTimeout(5000); // Slidev mounts the other slides in the background after the first one
    const mountedSlides = await page.locator('.status-bar').count();
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
    await cdp.send('Profiler.start');
    await page.waitForTimeout(seconds * 1000);
    const { profile } = await cdp.send('Profiler.stop') as { profile: { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] } };
    // PROFILE_CPU=file.cpuprofile keeps the profile (open it in Chromium's DevTools)
    if (process.env.PROFILE_CPU) await writeFile(process.env.PROFILE_CPU, JSON.stringify(profile));
    const idle = new Set(profile.nodes.filter((n) => n.callFrame.functionName === '(idle)').map((n) => n.id));
    let busy = 0;
    let total = 0;
    profile.samples.forEach((id, i) => {
      const dt = profile.timeDeltas[i] ?? 0;
      total += dt;
      if (!idle.has(id)) busy += dt;
    });
    return { busyMsPerSecond: busy / 1000 / (total / 1e6), mountedSlides };
  } finally {
    await page.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const stack = await startStack(await benchPorts());
  const browser = await launchChromium();
  try {
    const { busyMsPerSecond, mountedSlides } = await measurePageIdle(browser, stack.deckUrl);
    console.log(`page main thread on a demo slide, feed on, ${mountedSlides} status bars mounted: ${busyMsPerSecond.toFixed(1)} ms/s busy`);
  } finally {
    await browser.close();
    await stack.stop();
  }
}
