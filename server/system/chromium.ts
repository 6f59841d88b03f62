// The system's Chromium (Debian's /usr/bin/chromium, or CHROMIUM_PATH) as every browser of the project starts it: the
// browser tests, the benches and Slidev's exporters (through a wrapper, server/export/system-chromium.ts). Headless,
// nothing asks the internet, no sandbox (we run as root); Playwright's own browsers are never downloaded.
export function chromiumLaunchOptions(): { executablePath: string; args: string[] } {
  return {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  };
}
