// Slidev's exporters launch Playwright's Chromium, which is never downloaded here: they get the browser
// find-browser.ts finds (CHROMIUM_PATH, one Playwright installed, Chrome or Chromium where they install, Debian's)
// through a wrapper with the flags a headless, offline, root-run browser needs. `slidev export` takes the wrapper's
// path (--executable-path); `slidev export-notes` has no such option, so the wrapper also stands where Playwright
// looks for its own browsers on this platform (PLAYWRIGHT_BROWSERS_PATH).
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { findBrowser, HEADLESS_FLAGS, playwrightExecutables, type FoundBrowser } from '../system/find-browser';
import { PROJECT_ROOT } from '../rehearse/slide-order';

const CACHE = join(PROJECT_ROOT, 'node_modules', '.cache', 'pgdemo-chromium');

export interface SystemChromium {
  /** the wrapper, for --executable-path */
  executable: string;
  /** for PLAYWRIGHT_BROWSERS_PATH */
  browsersPath: string;
  /** the browser behind the wrapper, and where it was found */
  browser: FoundBrowser;
}

export async function systemChromium(): Promise<SystemChromium> {
  const browser = findBrowser();
  const executable = join(CACHE, 'chromium');
  await mkdir(CACHE, { recursive: true });
  await writeFile(executable, `#!/bin/sh\nexec ${JSON.stringify(browser.path)} ${HEADLESS_FLAGS.join(' ')} "$@"\n`);
  await chmod(executable, 0o755);

  const browsersPath = join(CACHE, 'playwright');
  const { browsers } = JSON.parse(await readFile(join(PROJECT_ROOT, 'node_modules', 'playwright-core', 'browsers.json'), 'utf8')) as
    { browsers: { name: string; revision: string }[] };
  for (const { name, revision } of browsers) {
    if (name !== 'chromium' && name !== 'chromium-headless-shell') continue;
    // where Playwright expects this build on this platform: its current layout
    const [parts] = playwrightExecutables(name, process.platform, process.arch);
    if (!parts) continue;
    const file = join(browsersPath, `${name.replace(/-/g, '_')}-${revision}`, ...parts);
    await mkdir(join(file, '..'), { recursive: true });
    await writeFile(file, `#!/bin/sh\nexec ${JSON.stringify(executable)} "$@"\n`);
    await chmod(file, 0o755);
  }
  return { executable, browsersPath, browser };
}
