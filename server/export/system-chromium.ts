// Slidev's exporters launch Playwright's Chromium, which is never downloaded here: they get the system's Chromium
// (Debian's /usr/bin/chromium, or CHROMIUM_PATH) through a wrapper with the flags a headless, offline, root-run browser
// needs. `slidev export` takes the wrapper's path (--executable-path); `slidev export-notes` has no such option, so
// the wrapper also stands where Playwright looks for its own browsers (PLAYWRIGHT_BROWSERS_PATH).
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../rehearse/slide-order';
import { chromiumLaunchOptions } from '../system/chromium';

const CACHE = join(PROJECT_ROOT, 'node_modules', '.cache', 'pgdemo-chromium');
// where Playwright expects each of its Chromium builds on Linux x64 (playwright-core's registry)
const PLAYWRIGHT_LAYOUT: Record<string, string[]> = {
  'chromium': ['chrome-linux64', 'chrome'],
  'chromium-headless-shell': ['chrome-headless-shell-linux64', 'chrome-headless-shell'],
};

export interface SystemChromium {
  /** the wrapper, for --executable-path */
  executable: string;
  /** for PLAYWRIGHT_BROWSERS_PATH */
  browsersPath: string;
}

export async function systemChromium(): Promise<SystemChromium> {
  const { executablePath: chromium, args } = chromiumLaunchOptions();
  if (!existsSync(chromium)) {
    throw new Error(`No Chromium at ${chromium}: install Debian's \`chromium\` package, or set CHROMIUM_PATH.`);
  }
  const executable = join(CACHE, 'chromium');
  await mkdir(CACHE, { recursive: true });
  await writeFile(executable, `#!/bin/sh\nexec ${JSON.stringify(chromium)} ${args.join(' ')} "$@"\n`);
  await chmod(executable, 0o755);

  const browsersPath = join(CACHE, 'playwright');
  const { browsers } = JSON.parse(await readFile(join(PROJECT_ROOT, 'node_modules', 'playwright-core', 'browsers.json'), 'utf8')) as
    { browsers: { name: string; revision: string }[] };
  for (const browser of browsers.filter((b) => b.name in PLAYWRIGHT_LAYOUT)) {
    const [dir, file] = PLAYWRIGHT_LAYOUT[browser.name]!;
    const folder = join(browsersPath, `${browser.name.replace(/-/g, '_')}-${browser.revision}`, dir!);
    await mkdir(folder, { recursive: true });
    await writeFile(join(folder, file!), `#!/bin/sh\nexec ${JSON.stringify(executable)} "$@"\n`);
    await chmod(join(folder, file!), 0o755);
  }
  return { executable, browsersPath };
}
