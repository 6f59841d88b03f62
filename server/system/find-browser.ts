// The Chromium for the export and the browser tests, in a fixed order: CHROMIUM_PATH; a browser Playwright installed
// (`npx playwright install chromium`, the ecosystem's usual way: its revision for our playwright-core first, then any
// other); Google Chrome or Chromium where macOS and Linux put them; Debian's /usr/bin/chromium. Nothing is downloaded.
// When none is there, the error says the one command that installs one on this platform.
import { accessSync, constants, existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { DemoError } from '../../shared/errors';

export interface BrowserSearch {
  platform: NodeJS.Platform;
  arch: string;
  home: string;
  env: NodeJS.ProcessEnv;
  /** prepended to every absolute system location (tests: a fake file tree); '' for the machine's own */
  root: string;
  /** the Chromium revision our playwright-core drives (its browsers.json) */
  revision: string | null;
  /** playwright-core's folder, where PLAYWRIGHT_BROWSERS_PATH=0 puts the browsers */
  playwrightCore: string;
}

export interface FoundBrowser {
  path: string;
  /** where it was found, for messages: "CHROMIUM_PATH", "Playwright's browsers (…)", "Google Chrome", … */
  from: string;
  source: 'CHROMIUM_PATH' | 'playwright' | 'system';
}

type PlaywrightBrowser = 'chromium' | 'chromium-headless-shell';

/** Where each Playwright build keeps its executable inside its folder, as playwright-core's registry has it. */
const PLAYWRIGHT_LAYOUT: Record<PlaywrightBrowser, Record<string, string[][]>> = {
  'chromium': {
    'linux-x64': [['chrome-linux64', 'chrome'], ['chrome-linux', 'chrome']],
    'linux-arm64': [['chrome-linux-arm64', 'chrome'], ['chrome-linux', 'chrome']],
    'darwin-x64': [['chrome-mac-x64', 'Google Chrome for Testing.app', 'Contents', 'MacOS', 'Google Chrome for Testing'],
      ['chrome-mac', 'Chromium.app', 'Contents', 'MacOS', 'Chromium']],
    'darwin-arm64': [['chrome-mac-arm64', 'Google Chrome for Testing.app', 'Contents', 'MacOS', 'Google Chrome for Testing'],
      ['chrome-mac', 'Chromium.app', 'Contents', 'MacOS', 'Chromium']],
  },
  'chromium-headless-shell': {
    'linux-x64': [['chrome-headless-shell-linux64', 'chrome-headless-shell'], ['chrome-linux', 'headless_shell']],
    'linux-arm64': [['chrome-headless-shell-linux-arm64', 'chrome-headless-shell'], ['chrome-linux', 'headless_shell']],
    'darwin-x64': [['chrome-headless-shell-mac-x64', 'chrome-headless-shell'], ['chrome-mac', 'headless_shell']],
    'darwin-arm64': [['chrome-headless-shell-mac-arm64', 'chrome-headless-shell'], ['chrome-mac', 'headless_shell']],
  },
};

/** The path of `browser`'s executable inside one of its Playwright folders, for this platform (current layout first). */
export function playwrightExecutables(browser: PlaywrightBrowser, platform: NodeJS.Platform, arch: string): string[][] {
  return PLAYWRIGHT_LAYOUT[browser][`${platform}-${arch}`] ?? [];
}

/** Where `npx playwright install` puts browsers on this platform (playwright-core's registryDirectory). */
export function playwrightBrowsersDir(s: Pick<BrowserSearch, 'platform' | 'home' | 'env' | 'playwrightCore'>): string {
  const wanted = s.env.PLAYWRIGHT_BROWSERS_PATH;
  if (wanted === '0') return join(s.playwrightCore, '.local-browsers');
  if (wanted) return wanted;
  if (s.platform === 'darwin') return join(s.home, 'Library', 'Caches', 'ms-playwright');
  if (s.platform === 'win32') return join(s.env.LOCALAPPDATA || join(s.home, 'AppData', 'Local'), 'ms-playwright');
  return join(s.env.XDG_CACHE_HOME || join(s.home, '.cache'), 'ms-playwright');
}

/** Playwright's folders of `browser`: our revision first, then the others, newest first. */
function playwrightFolders(dir: string, browser: PlaywrightBrowser, revision: string | null): string[] {
  const prefix = `${browser.replace(/-/g, '_')}-`;
  let revisions: string[] = [];
  try {
    revisions = readdirSync(dir).filter((e) => e.startsWith(prefix)).map((e) => e.slice(prefix.length))
      .filter((r) => /^\d+$/.test(r)).sort((a, b) => Number(b) - Number(a));
  } catch {
    // no such folder: nothing installed
  }
  if (revision && revisions.includes(revision)) revisions = [revision, ...revisions.filter((r) => r !== revision)];
  return revisions.map((r) => join(dir, `${prefix}${r}`));
}

/** Google Chrome and Chromium where their installers put them; Debian's /usr/bin/chromium last. */
function systemLocations(s: BrowserSearch): Array<[string, string]> {
  const app = (where: string, name: string): [string, string] => [join(where, `${name}.app`, 'Contents', 'MacOS', name), name];
  if (s.platform === 'darwin') {
    return [app(`${s.root}/Applications`, 'Google Chrome'), app(join(s.home, 'Applications'), 'Google Chrome'),
      app(`${s.root}/Applications`, 'Chromium'), app(join(s.home, 'Applications'), 'Chromium')];
  }
  return [
    [`${s.root}/opt/google/chrome/chrome`, 'Google Chrome'],
    [`${s.root}/usr/bin/google-chrome-stable`, 'Google Chrome'],
    [`${s.root}/usr/bin/google-chrome`, 'Google Chrome'],
    [`${s.root}/usr/bin/chromium-browser`, 'Chromium'],
    [`${s.root}/snap/bin/chromium`, 'Chromium (snap)'],
    [`${s.root}/usr/bin/chromium`, 'Debian\'s chromium'],
  ];
}

/** Every place looked at, in order (the first executable one wins). */
export function browserCandidates(s: BrowserSearch): FoundBrowser[] {
  const candidates: FoundBrowser[] = [];
  const dir = playwrightBrowsersDir(s);
  for (const browser of ['chromium', 'chromium-headless-shell'] as const) {
    for (const folder of playwrightFolders(dir, browser, s.revision)) {
      for (const parts of playwrightExecutables(browser, s.platform, s.arch)) {
        candidates.push({ path: join(folder, ...parts), from: `Playwright's browsers (${folder})`, source: 'playwright' });
      }
    }
  }
  for (const [path, from] of systemLocations(s)) candidates.push({ path, from, source: 'system' });
  return candidates;
}

/** The command that installs a browser this search would find, on this platform. */
export function installCommand(s: Pick<BrowserSearch, 'platform' | 'root'>): string {
  if (s.platform === 'linux' && existsSync(`${s.root}/etc/debian_version`)) {
    return process.getuid?.() === 0 ? 'apt-get install chromium' : 'sudo apt-get install chromium';
  }
  return s.platform === 'linux' ? 'npx playwright install --with-deps chromium' : 'npx playwright install chromium';
}

const isExecutable = (path: string) => {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

function ourRevision(playwrightCore: string): string | null {
  try {
    const { browsers } = JSON.parse(readFileSync(join(playwrightCore, 'browsers.json'), 'utf8')) as { browsers: { name: string; revision: string }[] };
    return browsers.find((b) => b.name === 'chromium')?.revision ?? null;
  } catch {
    return null;
  }
}

const PLAYWRIGHT_CORE = dirname(createRequire(import.meta.url).resolve('playwright-core/package.json'));

/** This machine's search. */
export function hostSearch(env: NodeJS.ProcessEnv = process.env): BrowserSearch {
  return {
    platform: process.platform, arch: process.arch, home: homedir(), env, root: '',
    revision: ourRevision(PLAYWRIGHT_CORE), playwrightCore: PLAYWRIGHT_CORE,
  };
}

export function findBrowser(s: BrowserSearch = hostSearch()): FoundBrowser {
  const explicit = s.env.CHROMIUM_PATH;
  if (explicit) {
    if (isExecutable(explicit)) return { path: explicit, from: 'CHROMIUM_PATH', source: 'CHROMIUM_PATH' };
    throw new DemoError('TOOL_MISSING', `CHROMIUM_PATH=${explicit} is not an executable file.`,
      { detail: 'Point it at a Chrome or Chromium executable, or unset it to look in the usual places.' });
  }
  const found = browserCandidates(s).find((c) => isExecutable(c.path));
  if (found) return found;
  throw new DemoError('TOOL_MISSING', `No Chrome or Chromium found. Install one: \`${installCommand(s)}\``, {
    detail: `Looked for CHROMIUM_PATH, Playwright's browsers in ${playwrightBrowsersDir(s)}, then Google Chrome and `
      + 'Chromium where they install; CHROMIUM_PATH may name any Chrome or Chromium executable.',
  });
}

/** What every headless launch of ours passes (the export's wrapper too): nothing asks the internet, no sandbox as root. */
export const HEADLESS_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** playwright-core's launch options for the browser found here (the browser tests, the benchmarks). */
export function browserLaunchOptions(): { executablePath: string; args: string[] } {
  return { executablePath: findBrowser().path, args: HEADLESS_FLAGS };
}
