// Browser discovery on each platform's layout, in fake file trees: a home with Playwright's cache, system locations
// under a fake root. What is found, in which order, and the error that says how to install one.
import { mkdtempSync } from 'node:fs';
import { chmod, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { browserCandidates, findBrowser, type BrowserSearch } from './find-browser';

let root: string;
let home: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'pgdemo-browsers-'));
  home = join(root, 'home', 'ann');
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

async function executable(path: string, mode = 0o755): Promise<string> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, '#!/bin/sh\n');
  await chmod(path, mode);
  return path;
}

const search = (platform: NodeJS.Platform, arch: string, env: NodeJS.ProcessEnv = {}): BrowserSearch => ({
  platform, arch, home, env, root, revision: '1255', playwrightCore: join(root, 'node_modules', 'playwright-core'),
});

const MAC_CACHE = () => join(home, 'Library', 'Caches', 'ms-playwright');
const LINUX_CACHE = () => join(home, '.cache', 'ms-playwright');
const CFT_MAC_ARM = ['chrome-mac-arm64', 'Google Chrome for Testing.app', 'Contents', 'MacOS', 'Google Chrome for Testing'];

describe('macOS', () => {
  it('finds Playwright\'s Chrome for Testing in ~/Library/Caches before Google Chrome', async () => {
    const chrome = await executable(join(root, 'Applications', 'Google Chrome.app', 'Contents', 'MacOS', 'Google Chrome'));
    const playwright = await executable(join(MAC_CACHE(), 'chromium-1255', ...CFT_MAC_ARM));
    expect(findBrowser(search('darwin', 'arm64'))).toEqual({ path: playwright, source: 'playwright', from: `Playwright's browsers (${join(MAC_CACHE(), 'chromium-1255')})` });
    await rm(playwright);
    expect(findBrowser(search('darwin', 'arm64'))).toMatchObject({ path: chrome, from: 'Google Chrome', source: 'system' });
  });

  it('takes the Intel layout on x64, the headless shell when it is all there is, and another revision after ours', async () => {
    const shell = await executable(join(MAC_CACHE(), 'chromium_headless_shell-1255', 'chrome-headless-shell-mac-x64', 'chrome-headless-shell'));
    expect(findBrowser(search('darwin', 'x64')).path).toBe(shell);
    const older = await executable(join(MAC_CACHE(), 'chromium-1200', 'chrome-mac-x64', 'Google Chrome for Testing.app', 'Contents', 'MacOS', 'Google Chrome for Testing'));
    expect(findBrowser(search('darwin', 'x64')).path).toBe(older); // a full browser of any revision before a headless shell
    const ours = await executable(join(MAC_CACHE(), 'chromium-1255', 'chrome-mac-x64', 'Google Chrome for Testing.app', 'Contents', 'MacOS', 'Google Chrome for Testing'));
    await executable(join(MAC_CACHE(), 'chromium-1300', 'chrome-mac-x64', 'Google Chrome for Testing.app', 'Contents', 'MacOS', 'Google Chrome for Testing'));
    expect(findBrowser(search('darwin', 'x64')).path).toBe(ours);
  });

  it('finds Chromium.app and an app in ~/Applications', async () => {
    const mine = await executable(join(home, 'Applications', 'Chromium.app', 'Contents', 'MacOS', 'Chromium'));
    expect(findBrowser(search('darwin', 'arm64'))).toMatchObject({ path: mine, from: 'Chromium' });
  });

  it('says the command that installs one on a Mac when there is none', () => {
    expect(() => findBrowser(search('darwin', 'arm64'))).toThrow('No Chrome or Chromium found. Install one: `npx playwright install chromium`');
  });
});

describe('Linux', () => {
  it('finds Playwright\'s Chromium in ~/.cache (or XDG_CACHE_HOME, or PLAYWRIGHT_BROWSERS_PATH) before any system one', async () => {
    await executable(join(root, 'usr', 'bin', 'chromium'));
    const cached = await executable(join(LINUX_CACHE(), 'chromium-1255', 'chrome-linux64', 'chrome'));
    expect(findBrowser(search('linux', 'x64')).path).toBe(cached);
    const xdg = await executable(join(root, 'xdg', 'ms-playwright', 'chromium-1255', 'chrome-linux64', 'chrome'));
    expect(findBrowser(search('linux', 'x64', { XDG_CACHE_HOME: join(root, 'xdg') })).path).toBe(xdg);
    const chosen = await executable(join(root, 'pw', 'chromium-1255', 'chrome-linux-arm64', 'chrome'));
    expect(findBrowser(search('linux', 'arm64', { PLAYWRIGHT_BROWSERS_PATH: join(root, 'pw') })).path).toBe(chosen);
    const local = await executable(join(root, 'node_modules', 'playwright-core', '.local-browsers', 'chromium-1255', 'chrome-linux64', 'chrome'));
    expect(findBrowser(search('linux', 'x64', { PLAYWRIGHT_BROWSERS_PATH: '0' })).path).toBe(local);
  });

  it('prefers Google Chrome and Ubuntu\'s Chromium to Debian\'s /usr/bin/chromium', async () => {
    const debian = await executable(join(root, 'usr', 'bin', 'chromium'));
    expect(findBrowser(search('linux', 'x64'))).toMatchObject({ path: debian, from: 'Debian\'s chromium' });
    const ubuntu = await executable(join(root, 'usr', 'bin', 'chromium-browser'));
    expect(findBrowser(search('linux', 'x64')).path).toBe(ubuntu);
    const chrome = await executable(join(root, 'opt', 'google', 'chrome', 'chrome'));
    expect(findBrowser(search('linux', 'x64'))).toMatchObject({ path: chrome, from: 'Google Chrome' });
  });

  it('skips a file that is not executable', async () => {
    await executable(join(LINUX_CACHE(), 'chromium-1255', 'chrome-linux64', 'chrome'), 0o644);
    const debian = await executable(join(root, 'usr', 'bin', 'chromium'));
    expect(findBrowser(search('linux', 'x64')).path).toBe(debian);
  });

  it('says apt-get on Debian and Playwright\'s installer elsewhere when there is none', async () => {
    expect(() => findBrowser(search('linux', 'x64'))).toThrow('Install one: `npx playwright install --with-deps chromium`');
    await mkdir(join(root, 'etc'));
    await writeFile(join(root, 'etc', 'debian_version'), '12\n');
    expect(() => findBrowser(search('linux', 'x64'))).toThrow(/Install one: `(sudo )?apt-get install chromium`/);
  });
});

describe('CHROMIUM_PATH', () => {
  it('wins over everything, and a wrong one is said, not passed over', async () => {
    await executable(join(LINUX_CACHE(), 'chromium-1255', 'chrome-linux64', 'chrome'));
    const mine = await executable(join(root, 'my', 'chrome'));
    expect(findBrowser(search('linux', 'x64', { CHROMIUM_PATH: mine }))).toEqual({ path: mine, from: 'CHROMIUM_PATH', source: 'CHROMIUM_PATH' });
    expect(() => findBrowser(search('linux', 'x64', { CHROMIUM_PATH: join(root, 'nothing') }))).toThrow(`CHROMIUM_PATH=${join(root, 'nothing')} is not an executable file.`);
  });
});

it('looks in the order the README gives: Playwright\'s, then Chrome and Chromium, Debian\'s last', async () => {
  await mkdir(join(LINUX_CACHE(), 'chromium-1255'), { recursive: true });
  const froms = browserCandidates(search('linux', 'x64')).map((c) => c.source === 'playwright' ? 'playwright' : c.from);
  expect([...new Set(froms)]).toEqual(['playwright', 'Google Chrome', 'Chromium', 'Chromium (snap)', 'Debian\'s chromium']);
});
