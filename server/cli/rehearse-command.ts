import { join } from 'node:path';
import type { Command } from 'commander';
import { createCluster } from '../cluster/factory';
import { DemoError } from '../../shared/errors';
import { DEMOS } from '../rehearse/checks';
import { demoDrift, driftLines, type BlockDrift } from '../rehearse/drift';
import { lagRecordingOf, recordLag } from '../rehearse/lag-recorder';
import { progressPrinter } from '../rehearse/progress';
import { readRecordings, RECORDINGS_DIR, writeDemoRecordings } from '../rehearse/recordings';
import { recordingsOf, rehearseDemo, type DemoReport } from '../rehearse/rehearse';
import { demoTable, totalsTable, wallTime } from '../rehearse/report-table';
import { sidecarDeps } from '../rehearse/sidecar-deps';
import { PROJECT_ROOT, demoBlocks } from '../rehearse/slide-order';
import { startSidecar, type RunningSidecar } from '../sidecar/start-sidecar';
import { StatusFeed } from '../sidecar/status-feed';
import { loadSnippets } from '../snippets/load';
import { backendOption } from './backend-option';
import { onShutdown } from './shutdown';
import { drillTable, rehearseDrills, type DrillCycle } from '../drills/rehearse-drills';

/** Its own state folder: a rehearsal never resets the pair a running deck presents. */
const REHEARSE_STATE_DIR = process.env.PGDEMO_REHEARSE_DIR || join(PROJECT_ROOT, '.cluster-rehearse');

/** `demo3` → `3`; `drill` stays `drill` */
const shortName = (demo: string) => demo.replace(/^demo/, '');

function demosAsked(asked: string[] | undefined): string[] {
  const all = Object.keys(DEMOS);
  if (!asked?.length) return all;
  return asked.map((n) => {
    // `3` or `demo3`; the drill's toolkit by its own name
    const demo = all.includes(n) ? n : `demo${n.replace(/^demo/, '')}`;
    if (!all.includes(demo)) {
      throw new DemoError('BAD_REQUEST', `There is no demo "${n}".`, { detail: `Demos: ${all.map(shortName).join(', ')}.` });
    }
    return demo;
  });
}

/** The last word on drift: which blocks will show something else than their recording, or that none will. */
function driftSummary(drifted: readonly BlockDrift[]): string {
  if (!drifted.length) return 'Drift: none — every live result has the shape and the figures of its recording.';
  return `Drift: ${drifted.length} block(s) differ from their recording (details above each demo's): ${drifted.map((d) => d.snippet).join(', ')}`;
}

/**
 * Rehearse's own pair: nothing of it is left running, nor its data (a million rows after Demo 2); stopped once, whether
 * the rehearsal ends or Ctrl-C ends it (`beforeStop` first: what runs on it).
 */
function ownPair(beforeStop: () => Promise<void> = async () => undefined) {
  const cluster = createCluster({ stateDir: REHEARSE_STATE_DIR });
  let stopping: Promise<void> | undefined;
  const stop = () => (stopping ??= (async () => {
    await beforeStop();
    await cluster.destroy();
    await cluster.close();
  })());
  onShutdown(stop);
  async function up() {
    const report = await cluster.up();
    if (!report.ok) throw new DemoError('INTERNAL', `The cluster did not come up: ${report.detail ?? 'no detail'}`);
    return report;
  }
  return { cluster, stop, up };
}

/** `--drills`: every fault's cycle on rehearse's own pair. */
async function rehearseAllDrills(): Promise<void> {
  const { cluster, stop, up } = ownPair();
  const started = performance.now();
  let cycles: DrillCycle[] = [];
  try {
    await up();
    console.log(`Rehearsing the drill faults on the ${cluster.backend} backend, PostgreSQL ${cluster.tools()?.version ?? '?'}.`);
    cycles = await rehearseDrills(cluster, (c) => console.log(`  ${c.fault}: ${c.skipped ? 'not offered' : c.passed ? 'passed' : `FAILED: ${c.error}`}`));
  } finally {
    await stop();
  }
  console.log(`\n${drillTable(cycles)}\n\nDrill rehearsal done in ${wallTime(performance.now() - started)} (cluster up and down included).`);
  if (!cycles.every((c) => c.passed)) process.exitCode = 1;
}

export function addRehearseCommand(program: Command): void {
  program.command('rehearse')
    .description('run every demo as a presenter would, check what it claims, print what it measured and record each block\'s result in recordings/')
    .addOption(backendOption())
    .option('--demo <n...>', `only these demos (${Object.keys(DEMOS).map(shortName).join(', ')})`)
    .option('--no-record', 'leave recordings/ as it is')
    .option('--drills', 'instead of the demos: every drill fault\'s inject → evidence → remedy cycle, with a table of times')
    .action(async (opts: { demo?: string[]; record: boolean; drills?: boolean }) => {
      if (opts.drills) return rehearseAllDrills();
      const demos = demosAsked(opts.demo);
      const snippets = await loadSnippets();
      const blocks = await demoBlocks();
      let sidecar: RunningSidecar | undefined;
      const progress = progressPrinter();
      const { cluster, stop, up: bringUp } = ownPair(async () => {
        progress.stop();
        await sidecar?.close();
      });
      const started = performance.now();
      const reports: DemoReport[] = [];
      // what the slides show offline and in the PDF, read before this run records anew: each live result is compared
      const recorded = await readRecordings();
      const drifted: BlockDrift[] = [];
      try {
        const up = await bringUp();
        sidecar = await startSidecar({ cluster, snippets });
        const status = await cluster.status();
        console.log(`Rehearsing ${demos.join(', ')} on the ${status.backend} backend, PostgreSQL ${status.tools?.version ?? '?'} `
          + `(cluster up in ${wallTime(up.durationMs)}).`);
        const deps = sidecarDeps(cluster, sidecar, progress.onEvent);
        // the snapshots a page would get, for the lag charts' recordings (a page's feed: nobody listens to the sidecar's)
        const feed = new StatusFeed(cluster, { log: () => {} });
        for (const demo of demos) {
          console.log(`\n${demo}`);
          const lag = opts.record ? recordLag(feed) : undefined;
          const afterReset = async () => lag?.take(await cluster.status());
          const report = await rehearseDemo(demo, blocks.get(demo) ?? [], DEMOS[demo]!, { ...deps, afterReset }).finally(() => lag?.stop());
          reports.push(report);
          console.log(`\n${demoTable(report)}`);
          const drift = demoDrift(report.blocks, DEMOS[demo]!, recorded, (id) => snippets.get(id)?.text);
          drifted.push(...drift);
          console.log(driftLines(drift, report.blocks.map((b) => recorded.get(b.snippet)?.recordedAt).find(Boolean)).join('\n'));
          if (!lag) continue;
          if (report.passed) {
            const status = await cluster.status();
            await writeDemoRecordings(RECORDINGS_DIR, demo, recordingsOf(report, snippets, status), lagRecordingOf(report, lag.stop(), status));
            console.log(`  recorded ${report.blocks.length} blocks in recordings/${demo}/`);
          } else {
            console.log(`  not recorded: recordings/${demo}/ keeps its last passing rehearsal`);
          }
        }
      } finally {
        await stop();
      }
      console.log(`\n${totalsTable(reports)}\n\n${driftSummary(drifted)}\n\nRehearsal done in ${wallTime(performance.now() - started)} (cluster up and down included).`);
      if (!reports.every((r) => r.passed)) process.exitCode = 1;
    });
}
