// The exports print through playwright-core with the browser find-browser.ts finds (CHROMIUM_PATH, one Playwright
// installed, Chrome or Chromium where they install, Debian's), launched as every headless browser of ours is: no
// browser is downloaded, nothing asks the internet.
import { chromium, type Browser } from 'playwright-core';
import { findBrowser, HEADLESS_FLAGS, type FoundBrowser } from '../system/find-browser';

export async function launchSystemChromium(found: FoundBrowser = findBrowser()): Promise<Browser> {
  return chromium.launch({ executablePath: found.path, args: HEADLESS_FLAGS });
}
