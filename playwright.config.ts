// Browser tests against the BUILT deck (`npm run build` first; `npm run e2e` does both), in the Chromium found here.
// Playwright gives every launch a fresh temporary profile (user-data dir).
import { defineConfig } from '@playwright/test';
import { browserLaunchOptions } from './server/system/find-browser';
import { reservePortsSync } from './server/system/port-reservation';

// Ports from the one allocator, reserved once by the runner: its workers load this file again and inherit the variables.
// The deck, then those of sidecar-killed, offline, edits and drill (+1, +2, +3, +4); the clusters (six ports each:
// three nodes and their link relays) of the stack, sidecar-killed, edits and drill (+0, +6, +12, +18).
process.env.E2E_DECK_PORT ??= String(reservePortsSync(5));
process.env.E2E_CLUSTER_PORT ??= String(reservePortsSync(24));
export const DECK_PORT = Number(process.env.E2E_DECK_PORT);

export default defineConfig({
  testDir: 'e2e',
  testMatch: /.*\.e2e\.ts$/,
  outputDir: 'test-results',
  globalSetup: './e2e/global-setup.ts',
  workers: 1, // one cluster: the demos run one after another
  fullyParallel: false,
  retries: 0,
  timeout: 8 * 60_000,
  expect: { timeout: 30_000 },
  reporter: [['list']],
  use: {
    baseURL: process.env.E2E_BASE_URL ?? `http://127.0.0.1:${DECK_PORT}`,
    browserName: 'chromium',
    viewport: { width: 1280, height: 720 },
    // CHROMIUM_PATH, a browser Playwright installed, Chrome or Chromium, Debian's (server/system/find-browser.ts)
    launchOptions: browserLaunchOptions(),
    screenshot: 'only-on-failure',
    trace: 'off',
  },
});
