// `npm run bench:rehearse`: (g) rehearse's wall time per demo and in total, beside the time the blocks themselves
// took in the sidecar (the rest is the reset, the checks and the HTTP round trips); (h) the export times.
// BENCH_PARTS=g or h for one of them.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportDeck } from '../server/export/export-deck';
import { DEMOS } from '../server/rehearse/checks';
import { rehearseDemo } from '../server/rehearse/rehearse';
import { wallTime } from '../server/rehearse/report-table';
import { sidecarDeps } from '../server/rehearse/sidecar-deps';
import { demoBlocks } from '../server/rehearse/slide-order';
import { loadSnippets } from '../server/snippets/load';
import { benchEnv } from './support';

const parts = process.env.BENCH_PARTS ?? 'gh';
const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

async function benchRehearse(): Promise<void> {
  const snippets = await loadSnippets();
  const blocks = await demoBlocks();
  const env = await benchEnv([...snippets.values()], 'embedded', Number(process.env.PGDEMO_PORT) || undefined);
  const rows: string[][] = [];
  let wall = 0;
  let own = 0;
  try {
    for (const demo of Object.keys(DEMOS)) {
      const report = await rehearseDemo(demo, blocks.get(demo)!, DEMOS[demo]!, sidecarDeps(env.cluster, env.sidecar));
      if (!report.passed) throw new Error(`${demo} did not pass: ${report.stopped ?? report.checks.find((c) => !c.passed)?.message}`);
      const blocksMs = report.blocks.reduce((n, b) => n + b.result.durationMs, 0);
      wall += report.wallMs;
      own += blocksMs;
      rows.push([demo, String(report.blocks.length), wallTime(report.wallMs), wallTime(blocksMs), (report.wallMs / blocksMs).toFixed(2)]);
    }
  } finally {
    await env.close();
  }
  rows.push(['total', String(rows.reduce((n, r) => n + Number(r[1]), 0)), wallTime(wall), wallTime(own), (wall / own).toFixed(2)]);
  console.log('\n(g) rehearse, embedded backend: wall time per demo (reset, blocks, checks) vs the blocks\' own time in the sidecar');
  console.log('| demo | blocks | rehearse wall time | blocks\' own time | ratio |\n| --- | --- | --- | --- | --- |');
  for (const row of rows) console.log(`| ${row.join(' | ')} |`);
}

async function benchExport(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'pgdemo-bench-export-'));
  try {
    const { durationMs: slides } = await exportDeck('slides', dir);
    const { durationMs: notes } = await exportDeck('notes', dir);
    const { durationMs: handout } = await exportDeck('handout', dir);
    console.log('\n(h) exports, one run each, no cluster, the system Chromium');
    console.log('| export | time |\n| --- | --- |');
    console.log(`| \`npm run export\` → exports/slides.pdf | ${s(slides)} |`);
    console.log(`| \`npm run export:notes\` → exports/notes.pdf | ${s(notes)} |`);
    console.log(`| \`npm run export:handout\` → exports/handout.pdf | ${s(handout)} |`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

if (parts.includes('g')) await benchRehearse();
if (parts.includes('h')) await benchExport();
