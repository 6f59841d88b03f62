// The exports print with the system's Chromium (Debian's /usr/bin/chromium, or CHROMIUM_PATH) through playwright-core:
// no browser is downloaded, and the flags are those of a headless, offline, root-run browser — the browser tests' own
// (playwright.config.ts).
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export async function launchSystemChromium(): Promise<Browser> {
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(executablePath)) {
    throw new Error(`No Chromium at ${executablePath}: install Debian's \`chromium\` package, or set CHROMIUM_PATH.`);
  }
  return chromium.launch({ executablePath, args: FLAGS });
}
