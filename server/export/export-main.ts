// `npm run export` → exports/slides.pdf: every slide with each block's recorded result (print mode shows recordings,
// never asks a sidecar, and has no Run/Cancel buttons). `npm run export:notes` → exports/notes.pdf: the presenter
// notes, each Q&A slide's answer included (setup/preparser.ts). Slidev's own exporters, on the system's Chromium.
import { spawn } from 'node:child_process';
import { mkdir, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { Command } from 'commander';
import { PROJECT_ROOT } from '../rehearse/slide-order';
import { systemChromium } from './system-chromium';

export const EXPORTS_DIR = join(PROJECT_ROOT, 'exports');
// rendering ~80 slides on 2 shared cores takes longer than Slidev's default 30 s
const TIMEOUT_MS = 180_000;

function slidev(args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(PROJECT_ROOT, 'node_modules/@slidev/cli/bin/slidev.mjs'), ...args], {
      cwd: PROJECT_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const keep = (chunk: Buffer) => { output = (output + chunk.toString()).slice(-20_000); };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.on('error', reject);
    child.on('close', (code, signal) => (code === 0 ? resolve()
      : reject(new Error(`slidev ${args[0]} failed (${signal ?? `exit code ${code}`}):\n${output.trim().split('\n').slice(-30).join('\n')}`))));
  });
}

export async function exportDeck(what: 'slides' | 'notes', outputDir = EXPORTS_DIR): Promise<{ file: string; durationMs: number }> {
  const started = performance.now();
  await mkdir(outputDir, { recursive: true });
  const chromium = await systemChromium();
  const file = join(outputDir, `${what}.pdf`);
  // the export's dev server must not find a sidecar to proxy to: what the PDF shows is the recordings, on any machine
  const env = { ...process.env, PLAYWRIGHT_BROWSERS_PATH: chromium.browsersPath, PGDEMO_CLUSTER_DIR: join(outputDir, '.no-cluster') };
  await slidev(what === 'slides'
    ? ['export', 'slides.md', '--output', file, '--executable-path', chromium.executable, '--timeout', String(TIMEOUT_MS)]
    : ['export-notes', 'slides.md', '--output', file, '--timeout', String(TIMEOUT_MS)], env);
  await stat(file); // Slidev said it exported: the file is there
  return { file, durationMs: performance.now() - started };
}

if (process.argv[1] && import.meta.url.endsWith(relative(PROJECT_ROOT, process.argv[1]))) {
  const { args } = new Command('export').argument('<what>', 'slides or notes').parse();
  const what = args[0];
  if (what !== 'slides' && what !== 'notes') {
    console.error('Usage: export slides|notes');
    process.exit(2);
  }
  try {
    const { file, durationMs } = await exportDeck(what);
    console.log(`${relative(process.cwd(), file)} in ${(durationMs / 1000).toFixed(1)} s`);
  } catch (err) {
    console.error(err instanceof Error ? err.message : String(err));
    process.exitCode = 1;
  }
}
