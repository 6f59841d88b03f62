// (f) What the live panel costs the primary: pgbench inserts (2 clients, both cores busy, commits not waiting for fsync) with the 4 Hz status feed on
// (a page's channel open through the deck) and off (no page), in A-B-B-A order so the machine's drift cancels
// within each adjacent pair. The figure is the median of the pairs' on/off throughput ratios, with their spread.
// Target: on/off >= 0.98 (the feed costs <= 2 %). BENCH_FEED_TOPOLOGY=two-standbys measures it with three nodes
// (issue 25's target: <= 1 % of the machine).
import { execFile } from 'node:child_process';
import { readdir, readFile, readlink, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { WebSocket } from 'ws';
import { createCluster } from '../server/cluster/factory';
import { projectRoot, startStack } from '../server/testing/start-stack';
import { isTopologyName, topologyChoices } from '../shared/topology';
import { NODE_NAMES } from '../shared/types';
import { benchPorts, median, percentile, ratioInterval } from './support';

const run = promisify(execFile);
const PAIRS = Number(process.env.BENCH_FEED_PAIRS ?? 20);
const SECONDS = Number(process.env.BENCH_FEED_SECONDS ?? 2);
const IDLE_SECONDS = 10;
const TICKS_PER_SECOND = 100; // Linux USER_HZ: /proc's CPU times are in these

export interface FeedFigures {
  on: number[];
  off: number[];
  ratios: number[];
  ratio: number;
  /** CPU the feed itself burns (sidecar and deck server processes + both PostgreSQL servers), idle cluster, ms per s */
  feedCpuMsPerSecond: number;
  /** the same, split: the project's node processes, and the PostgreSQL servers (the status sessions and the rest) */
  feedCpuSplit: { node: number; postgres: number };
}

interface Ticks { node: number; postgres: number }

/** utime + stime (+ reaped children's: a postmaster's backends, a sidecar's ps runs) of one process, in clock ticks; 0 when it is gone. */
async function cpuTicks(pid: number, withReapedChildren: boolean): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
  if (!stat) return 0;
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // after the name: state(0) ppid(1) … utime(11) stime(12) cutime(13) cstime(14)
  const own = Number(fields[11]) + Number(fields[12]);
  return withReapedChildren ? own + Number(fields[13]) + Number(fields[14]) : own;
}

/**
 * CPU used so far by everything the feed involves: the project's node processes (sidecar, deck server) and every
 * PostgreSQL server of the cluster — each postmaster with the backends it already reaped (one per status probe) and its live children.
 */
async function stackCpuTicks(projectRoot: string, stateDir: string): Promise<Ticks> {
  const postmasters = new Set<number>();
  for (const node of NODE_NAMES) { // a node the topology lacks has no pid file
    const pid = Number((await readFile(join(stateDir, 'nodes', node, 'postmaster.pid'), 'utf8').catch(() => '')).split('\n')[0]);
    if (pid > 0) postmasters.add(pid);
  }
  const ticks: Ticks = { node: 0, postgres: 0 };
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const pid = Number(entry);
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    const cwd = await readlink(`/proc/${pid}/cwd`).catch(() => '');
    const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
    const ours = cwd === projectRoot.replace(/\/$/, '') && cmdline.includes('server/') && pid !== process.pid;
    if (postmasters.has(pid)) ticks.postgres += await cpuTicks(pid, true);
    else if (postmasters.has(ppid)) ticks.postgres += await cpuTicks(pid, false);
    // with the children it reaped: where process facts come from ps (no /proc, or PGDEMO_PROCESS_SOURCE=ps), each
    // status read runs a ps, whose CPU is the feed's too
    else if (ours) ticks.node += await cpuTicks(pid, true);
  }
  return ticks;
}

async function idleCpuMsPerSecond(projectRoot: string, stateDir: string): Promise<Ticks> {
  const before = await stackCpuTicks(projectRoot, stateDir);
  await new Promise((r) => setTimeout(r, IDLE_SECONDS * 1000));
  const after = await stackCpuTicks(projectRoot, stateDir);
  const perSecond = (a: number, b: number) => ((a - b) * (1000 / TICKS_PER_SECOND)) / IDLE_SECONDS;
  return { node: perSecond(after.node, before.node), postgres: perSecond(after.postgres, before.postgres) };
}

/** Idle CPU with the feed on minus off, in A-B-B-A windows (10 ms clock ticks over 10 s windows are coarse alone). */
async function feedCpu(deckUrl: string, projectRoot: string, stateDir: string): Promise<Ticks> {
  const on: Ticks[] = [];
  const off: Ticks[] = [];
  // a first window, not counted: what the stack's start left running (a build, the tools bundle) ends and is reaped
  // during it, and a reaped child's whole CPU lands in the window that reaps it
  await idleCpuMsPerSecond(projectRoot, stateDir);
  for (const feedOn of [false, true, true, false]) {
    if (!feedOn) {
      off.push(await idleCpuMsPerSecond(projectRoot, stateDir));
      continue;
    }
    const close = await openFeed(deckUrl);
    on.push(await idleCpuMsPerSecond(projectRoot, stateDir).finally(close));
  }
  const mean = (list: Ticks[], key: keyof Ticks) => list.reduce((sum, t) => sum + t[key], 0) / list.length;
  return { node: mean(on, 'node') - mean(off, 'node'), postgres: mean(on, 'postgres') - mean(off, 'postgres') };
}

/**
 * A page's channel held open through the deck, as a page holds it (the sidecar polls while one is open); a version
 * before the channel (bench:speed's older clones) refuses its upgrade, and gets its page's events stream instead.
 */
async function openFeed(deckUrl: string): Promise<() => void> {
  const channel = await new Promise<WebSocket | undefined>((resolve, reject) => {
    const ws = new WebSocket(`${deckUrl.replace(/^http/, 'ws')}/api/channel`, { headers: { origin: deckUrl } });
    // the first status arrived: the feed runs
    ws.on('message', (data) => { if (String(data).startsWith('{"type":"status"')) resolve(ws); });
    ws.once('unexpected-response', () => { ws.terminate(); resolve(undefined); });
    ws.once('error', reject);
  });
  if (channel) return () => channel.terminate();
  return new Promise((resolve, reject) => {
    const req = request(`${deckUrl}/api/events`, { headers: { origin: deckUrl } }, (res) => {
      res.once('data', () => resolve(() => req.destroy()));
      res.resume();
    });
    req.on('error', reject);
    req.end();
  });
}

/** The feed's cost on the stack whose deck is at `deckUrl` and whose state folder is `stateDir`. */
export async function measureFeedCost(deckUrl: string, stateDir: string, projectRoot: string): Promise<FeedFigures> {
  const cluster = JSON.parse(await readFile(join(stateDir, 'cluster.json'), 'utf8')) as {
    binDir: string; ports: Record<string, number>;
  };
  const conn = ['-h', join(stateDir, 'run'), '-p', String(cluster.ports['postgres-primary']), '-U', 'postgres'];
  const psql = (sql: string) => run(join(cluster.binDir, 'psql'), [...conn, '-X', '-q', '-d', 'postgres', '-c', sql]);
  const script = join(tmpdir(), `pgdemo-feed-bench-${process.pid}.sql`);
  await writeFile(script, 'INSERT INTO feed_bench (v) VALUES (1);\n');
  await psql('DROP TABLE IF EXISTS feed_bench; CREATE TABLE feed_bench (id bigserial PRIMARY KEY, v int, at timestamptz DEFAULT now())');
  const inserts = async (): Promise<number> => {
    await psql('TRUNCATE feed_bench');
    // commits without waiting for the disk: the throughput then depends on CPU, which is what the feed competes for
    // (waiting for fsync on a shared disk would bury it in noise)
    const { stdout } = await run(join(cluster.binDir, 'pgbench'), [...conn, '-n', '-f', script, '-c', '2', '-j', '2',
      '-T', String(SECONDS), 'postgres'], { env: { ...process.env, PGOPTIONS: '-c synchronous_commit=off' } });
    const tps = /tps = ([\d.]+)/.exec(stdout)?.[1];
    if (!tps) throw new Error(`pgbench printed no tps:\n${stdout}`);
    return Number(tps);
  };
  const withFeed = async () => {
    const close = await openFeed(deckUrl);
    try {
      return await inserts();
    } finally {
      close();
    }
  };
  const on: number[] = [];
  const off: number[] = [];
  let feedCpuSplit: Ticks = { node: 0, postgres: 0 };
  try {
    feedCpuSplit = await feedCpu(deckUrl, projectRoot, stateDir);
    await inserts(); // warm-up: the table's first pages, the sessions
    for (let i = 0; i < PAIRS; i++) {
      if (i % 2 === 0) { on.push(await withFeed()); off.push(await inserts()); }
      else { off.push(await inserts()); on.push(await withFeed()); }
    }
  } finally {
    await psql('DROP TABLE IF EXISTS feed_bench').catch(() => undefined);
    await rm(script, { force: true });
  }
  const ratios = on.map((v, i) => v / off[i]!);
  return { on, off, ratios, ratio: median(ratios), feedCpuMsPerSecond: feedCpuSplit.node + feedCpuSplit.postgres, feedCpuSplit };
}

export function describeFeed(f: FeedFigures): string {
  const interval = ratioInterval(f.ratios);
  return `median on/off ${f.ratio.toFixed(3)} (pairs ${percentile(f.ratios, 0).toFixed(3)}–${percentile(f.ratios, 100).toFixed(3)}, `
    + `interquartile ${percentile(f.ratios, 25).toFixed(3)}–${percentile(f.ratios, 75).toFixed(3)}; `
    + `mean ${interval.mean.toFixed(3)}, ~95 % interval ${interval.low.toFixed(3)}–${interval.high.toFixed(3)}; `
    + `± 1 % would take ~${interval.pairsForOnePercent} pairs); `
    + `the feed's own CPU ${f.feedCpuMsPerSecond.toFixed(1)} ms/s = ${(f.feedCpuMsPerSecond / 20).toFixed(2)} % of 2 cores `
    + `(node ${f.feedCpuSplit.node.toFixed(1)}, PostgreSQL ${f.feedCpuSplit.postgres.toFixed(1)} ms/s)`;
}

/** BENCH_FEED_TOPOLOGY=two-standbys|cascade: the stack's cluster reset to that shape first (the feed then shows three nodes). */
async function resetTo(stateDir: string, topology: string | undefined): Promise<void> {
  if (!topology) return;
  if (!isTopologyName(topology)) throw new Error(`BENCH_FEED_TOPOLOGY: one of ${topologyChoices()}`);
  const cluster = createCluster({ stateDir });
  try {
    const report = await cluster.reset(topology);
    if (!report.ok) throw new Error(`reset to ${topology}: ${report.detail ?? 'failed'}`);
  } finally {
    await cluster.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const stack = await startStack(await benchPorts());
  try {
    await resetTo(stack.stateDir, process.env.BENCH_FEED_TOPOLOGY);
    console.log(`(f) topology: ${process.env.BENCH_FEED_TOPOLOGY ?? 'pair'}`);
    const figures = await measureFeedCost(stack.deckUrl, stack.stateDir, projectRoot);
    console.log(`(f) primary insert throughput (pgbench, 2 clients, synchronous_commit off, ${SECONDS} s runs), status feed on vs off, ${PAIRS} A-B-B-A pairs`);
    console.log(`    feed on  median ${median(figures.on).toFixed(0)} tps  [${figures.on.map((v) => v.toFixed(0)).join(', ')}]`);
    console.log(`    feed off median ${median(figures.off).toFixed(0)} tps  [${figures.off.map((v) => v.toFixed(0)).join(', ')}]`);
    console.log(`    ${describeFeed(figures)} (target >= 0.98)`);
  } finally {
    await stack.stop();
  }
}
