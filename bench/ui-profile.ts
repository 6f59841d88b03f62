// Where the time of one click goes (a tool to read, not a pass/fail bench): per click, in-page timestamps of the
// channel's run request and each message after it by type (`ws-run`, `ws-result`, `ws-reply`…), the table in the DOM
// and the next frame; plus POST /api/run timed from Node straight to the sidecar and through the deck server's proxy.
// Needs `npm run build`.
import { readSidecarFile } from '../server/sidecar/sidecar-file';
import { startStack } from '../server/testing/start-stack';
import { launchChromium } from './start';
import { IN_PAGE_BLOCK, openBlockSlide, SNIPPET } from './ui-click';
import { benchPorts, median, ms } from './support';

const CLICKS = Number(process.env.BENCH_CLICKS ?? 60);

// Wraps WebSocket before the deck loads, so the page's channel is timed: what it sends, and each message it receives
// by its type (the sidecar writes `type` first).
const INSTRUMENT = `(() => {
  const marks = (window.__marks = []);
  const mark = (what) => marks.push([what, performance.now()]);
  const NativeSocket = window.WebSocket;
  window.WebSocket = class extends NativeSocket {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', (e) => mark('ws-' + (/^\\{"type":"([\\w-]+)"/.exec(String(e.data))?.[1] ?? 'message')));
    }
    send(data) { mark('ws-send'); return super.send(data); }
  };
})()`;

export async function profileUiClick(): Promise<void> {
  const stack = await startStack(await benchPorts());
  const browser = await launchChromium();
  try {
    await nodeSide(stack.deckUrl, stack.stateDir);
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    await page.addInitScript(INSTRUMENT);
    await openBlockSlide(page, stack.deckUrl);
    const trace = process.env.PROFILE_TRACE;
    if (trace) await browser.startTracing(page, { path: trace, screenshots: false,
      categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'blink.user_timing', 'netlog', 'loading', 'toplevel'] });
    const clicks = await page.evaluate<Record<string, number>[]>(`(async () => {${IN_PAGE_BLOCK}
      const out = [];
      for (let i = 0; i < ${CLICKS + 5}; i++) {
        const before = block.dataset.runId;
        window.__marks.length = 0;
        performance.mark('click-' + i);
        const start = performance.now();
        const shown = newTable(before);
        button.click();
        const clicked = performance.now() - start;
        await shown;
        const dom = performance.now() - start;
        performance.mark('dom-' + i);
        const frame = await new Promise((r) => requestAnimationFrame(() => r(performance.now() - start)));
        const row = { handler: clicked, dom, frame, sidecar: Number(block.dataset.durationMs) };
        for (const [what, at] of window.__marks) if (!(what in row) && what !== 'ws-status') row[what] = at - start;
        row.statusDuring = window.__marks.filter(([w, at]) => w === 'ws-status' && at - start < dom).length;
        out.push(row);
        await new Promise((r) => setTimeout(r, 20));
      }
      return out.slice(5);
    })()`);
    if (trace) await browser.stopTracing();
    const keys = [...new Set(clicks.flatMap((c) => Object.keys(c)))];
    console.log(`in-page, ms after the click (p50 of ${clicks.length}):`);
    for (const key of keys) {
      const values = clicks.map((c) => c[key]).filter((v): v is number => typeof v === 'number' && !Number.isNaN(v));
      console.log(`  ${key.padEnd(14)} ${ms(median(values))}  (${values.length} samples)`);
    }
  } finally {
    await browser.close();
    await stack.stop();
  }
}

/** The same POST from Node: straight to the sidecar, and through the deck server's proxy. */
async function nodeSide(deckUrl: string, stateDir: string): Promise<void> {
  const { url, token } = (await readSidecarFile(stateDir))!;
  const post = async (target: string, headers: Record<string, string>) => {
    const start = performance.now();
    const res = await fetch(`${target}/api/run`, {
      method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ snippet: SNIPPET }),
    });
    const body = (await res.json()) as { durationMs: number };
    return [performance.now() - start, body.durationMs] as const;
  };
  const direct: number[] = [];
  const proxied: number[] = [];
  const inside: number[] = [];
  for (let i = 0; i < 100; i++) {
    const [d, s] = await post(url, { authorization: `Bearer ${token}` });
    direct.push(d);
    inside.push(s);
    proxied.push((await post(deckUrl, { origin: deckUrl }))[0]);
  }
  console.log(`from Node, p50 of 100: direct ${ms(median(direct))}, through the deck proxy ${ms(median(proxied))}, `
    + `sidecar durationMs ${ms(median(inside))}`);
}

if (import.meta.url === `file://${process.argv[1]}`) await profileUiClick();
