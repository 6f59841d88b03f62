// `npm run bench:speed [-- <before-ref> [<ref>…] <after-ref>]`: the speed a presenter feels, before and after (and at
// any commits between, to see what each change bought), in ONE run on the same machine: fresh clones (`npm ci` each;
// one without an install-time build gets `npm run build`), measured alternately so the machine's drift hits all alike.
//   (b) `up` from nothing and `reset` from a dirtied pair, on each backend this machine has (lifecycle-speed.ts)
//   (d) click → table in the DOM / next frame, beside the sidecar's own time (each version's own e2e stack)
//   (e) npm start → a Run block rendered with a streaming pair: cold (fresh state folder, fresh browser profile), warm
//       (the second start, same browser) and warm with the page in a new browser profile
//   (f) the status feed's cost: insert throughput on/off (A-B-B-A pairs) and its own CPU
//   (i) the page's main thread while the presenter talks: busy ms per second on a demo slide, the feed on
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { describeFeed, measureFeedCost, type FeedFigures } from './feed-cost';
import { cloneAt, launchChromium, startRound, type Clone, type StartFigures } from './start';
import { measureLifecycle, type LifecycleFigures } from './lifecycle-speed';
import { measurePageIdle } from './page-idle';
import { median, percentile } from './support';
import { measureClicks, summarizeClicks, type ClickSample } from './ui-click';
import { reservePorts } from '../server/system/port-reservation';
import { connectEngine, requireEngine } from '../server/cluster/docker/engine';
import type { BackendKind } from '../shared/types';

const run = promisify(execFile);
const REFS = process.argv.length > 3 ? process.argv.slice(2) : [process.argv[2] ?? '00f148a', 'HEAD'];
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
// BENCH_PARTS=d to compare only the clicks (e.g. two commits of a client change)
const PARTS = new Set((process.env.BENCH_PARTS ?? 'b,d,e,f,i').split(','));
const CLICK_BLOCKS = 4; // A B B A, each this many clicks:
const CLICKS_PER_BLOCK = Number(process.env.BENCH_CLICKS ?? 30);
// ports: BENCH_PORT_BASE (deck) and BENCH_PG_BASE (clusters), each version gets its own
const DECK = Number(process.env.BENCH_PORT_BASE) || await reservePorts(2 * REFS.length);
const PG = Number(process.env.BENCH_PG_BASE) || await reservePorts(20 * REFS.length);

interface Version { name: string; clone: Clone; clicks: ClickSample[]; start: StartFigures; feed?: FeedFigures; pageBusy: number[] }
interface Stack { deckUrl: string; stateDir: string; stop(): Promise<void> }

// where a commit keeps its stack starter: server/testing/ now, e2e/support/ in older commits
const STACK_STARTERS = ['server/testing/start-stack.ts', 'e2e/support/stack.ts'];

/** The clone's own e2e stack (what its browser tests and bench (d) ran against). */
async function stackOf(clone: Clone, deckPort: number, clusterPort: number): Promise<Stack> {
  const starter = STACK_STARTERS.map((path) => join(clone.dir, path)).find((file) => existsSync(file));
  if (!starter) throw new Error(`${clone.dir} has none of ${STACK_STARTERS.join(', ')}`);
  const module = (await import(pathToFileURL(starter).href)) as {
    startStack(o: { deckPort: number; clusterPort: number }): Promise<Stack>;
  };
  return module.startStack({ deckPort, clusterPort });
}

const ms = (v: number) => `${v.toFixed(1)} ms`;
const s = (v: number) => `${(v / 1000).toFixed(2)} s`;

async function main(): Promise<void> {
  console.log(`cloning ${REFS.join(', ')}, npm ci in each…`);
  const versions: Version[] = [];
  for (const ref of REFS) {
    const clone = await cloneAt(ref);
    if (!existsSync(join(clone.dir, 'dist', 'index.html'))) await run('npm', ['run', 'build'], { cwd: clone.dir, maxBuffer: 64 << 20 });
    versions.push({ name: ref, clone, clicks: [], start: { cold: [], warm: [], warmNewProfile: [], installMs: clone.installMs, notes: [] }, pageBusy: [] });
  }
  // (b) first, with no stack running beside it
  // BENCH_LIFECYCLE_BACKENDS=embedded to leave docker out; by default every backend this machine has
  const backends = (process.env.BENCH_LIFECYCLE_BACKENDS?.split(',') as BackendKind[] | undefined)
    ?? ['embedded', ...(await requireEngine(connectEngine(), 3_000).then(() => ['docker' as const], () => []))];
  const lifecycle = PARTS.has('b')
    ? await measureLifecycle(versions.map((v) => v.clone.dir), backends, versions.map((_, i) => PG + 10 * i),
      { rounds: Number(process.env.BENCH_LIFECYCLE_ROUNDS ?? 4), resets: 3 })
    : new Map<BackendKind, LifecycleFigures[]>();
  const browser = await launchChromium();
  try {
    // (e) first: the first start after `npm ci` is the coldest there is
    for (let round = 0; round < (PARTS.has('e') ? ROUNDS : 0); round++) {
      for (const [i, v] of versions.entries()) {
        console.log(`start round ${round + 1}: ${v.name}`);
        await startRound(v.clone, browser, { deck: DECK + REFS.length + i, pg: PG + 10 * (REFS.length + i) }, v.start, round === 0);
      }
    }
    // (d) and (f) on each version's own stack, both running; one page open at a time
    const stacks = await Promise.all(versions.map((v, i) => stackOf(v.clone, DECK + i, PG + 10 * i)));
    try {
      for (let block = 0; block < (PARTS.has('d') ? CLICK_BLOCKS : 0); block++) {
        const order = versions.map((_, i) => i);
        for (const i of block % 2 === 0 ? order : order.reverse()) {
          versions[i]!.clicks.push(...await measureClicks(browser, stacks[i]!.deckUrl, CLICKS_PER_BLOCK));
        }
      }
      for (let round = 0; round < (PARTS.has('i') ? 2 : 0); round++) {
        for (const [i, v] of (round % 2 === 0 ? [...versions.entries()] : [...versions.entries()].reverse())) {
          v.pageBusy.push((await measurePageIdle(browser, stacks[i]!.deckUrl)).busyMsPerSecond);
        }
      }
      for (const [i, v] of PARTS.has('f') ? versions.entries() : []) {
        console.log(`feed cost: ${v.name}`);
        v.feed = await measureFeedCost(stacks[i]!.deckUrl, stacks[i]!.stateDir, v.clone.dir);
      }
    } finally {
      for (const stack of stacks) await stack.stop();
    }
  } finally {
    await browser.close();
    for (const v of versions) await v.clone.remove();
  }

  const clicks = versions.map((v) => summarizeClicks(v.clicks));
  const row = (what: string, f: (v: Version, i: number) => string) => console.log(`| ${what} | ${versions.map(f).join(' | ')} |`);
  console.log(`\n| one run, ${new Date().toISOString()} | ${versions.map((v) => v.name).join(' | ')} |`);
  console.log(`| --- | ${versions.map(() => '---').join(' | ')} |`);
  // a median and the spread of the middle half: a difference smaller than the spread is noise
  const spread = (xs: number[]) => `${s(median(xs))} (IQR ${s(percentile(xs, 25))}–${s(percentile(xs, 75))}, n=${xs.length})`;
  for (const [backend, perVersion] of lifecycle) {
    row(`(b) ${backend}: up from nothing → streaming pair`, (_, i) => spread(perVersion[i]!.up));
    row(`(b) ${backend}: reset from a frozen standby`, (_, i) => spread(perVersion[i]!.reset));
  }
  if (PARTS.has('d')) {
    row(`(d) click → table in DOM, p50 of ${versions[0]!.clicks.length}`, (_, i) => ms(clicks[i]!.dom));
    row('(d) click → next frame (painted), p50', (_, i) => ms(clicks[i]!.painted));
    row('(d) sidecar durationMs, p50', (_, i) => ms(clicks[i]!.sidecar));
    // where the rest goes: the sidecar's whole share (a version that does not report it shows —), the page and the wire
    const known = (value: number) => (Number.isNaN(value) ? '—' : ms(value));
    row('(d) sidecar, message in → answer out, p50', (_, i) => known(clicks[i]!.held));
    row('(d) page + wire: in DOM − that, p50', (_, i) => known(clicks[i]!.pageAndWire));
    row('(d) in DOM / sidecar (target <= 2)', (_, i) => `${(clicks[i]!.dom / clicks[i]!.sidecar).toFixed(1)}x`);
  }
  if (PARTS.has('e')) {
    row(`(e) npm start → Run block + streaming pair, cold (median of ${ROUNDS})`, (v) => `${s(median(v.start.cold))} [${v.start.cold.map(s).join(', ')}]`);
    row(`(e) same, warm: second start, same browser (median of ${ROUNDS})`, (v) => `${s(median(v.start.warm))} [${v.start.warm.map(s).join(', ')}]`);
    row(`(e) same, warm, page in a new browser profile (median of ${ROUNDS})`, (v) => `${s(median(v.start.warmNewProfile))} [${v.start.warmNewProfile.map(s).join(', ')}]`);
  }
  if (PARTS.has('f')) row('(f) inserts with feed on / off', (v) => (v.feed ? describeFeed(v.feed) : '—'));
  if (PARTS.has('i')) row('(i) page main thread on a demo slide, feed on: busy ms/s [samples]', (v) => `${median(v.pageBusy).toFixed(1)} [${v.pageBusy.map((b) => b.toFixed(1)).join(', ')}]`);
  row('npm ci (incl. any install-time build)', (v) => s(v.clone.installMs));
  for (const v of versions) for (const note of v.start.notes) console.log(`  ${v.name}: ${note}`);
}

await main();
