// Soak (not CI): a sidecar as `npm run serve` starts it, then, until the time is up, every demo the way the deck and
// the demo-flow test run them — reset, then each block of the demo in order through POST /api/run. Prints, at the
// start and at the end (each just after a reset, settled 3 s) and after each round, the sidecar's resident memory and
// open files (/proc/<pid>/fd), the processes of the sidecar's tree and of the pair, and the pair's open files: a leak
// shows as a figure that climbs.
//   npm run soak [-- <minutes>]    default 30; PGDEMO_BACKEND, PGDEMO_PORT, PGDEMO_CLUSTER_DIR (default a temp folder)
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { createCluster } from '../server/cluster/factory';
import { readSidecarFile } from '../server/sidecar/sidecar-file';
import { loadSnippets } from '../server/snippets/load';
import { allProcesses, isPostgres, processesMentioning, type ProcInfo } from '../server/system/proc';
import { PAIR_NODES } from '../shared/topology';
import type { RunResponse } from '../shared/types';

const minutes = Number(process.argv[2] ?? 30);
if (!(minutes > 0)) throw new Error(`usage: npm run soak -- [minutes]; got "${process.argv[2]}"`);
const backend = process.env.PGDEMO_BACKEND ?? 'embedded';
const ownDir = !process.env.PGDEMO_CLUSTER_DIR;
const stateDir = process.env.PGDEMO_CLUSTER_DIR ?? await mkdtemp(join(tmpdir(), 'pgdemo-soak-'));
const root = join(import.meta.dirname, '..');

async function openFiles(pid: number): Promise<number> {
  return (await readdir(`/proc/${pid}/fd`).catch(() => [])).length;
}

async function rssMiB(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024;
}

function tree(all: ProcInfo[], roots: number[]): ProcInfo[] {
  const found = all.filter((p) => roots.includes(p.pid));
  for (let i = 0; i < found.length; i++) found.push(...all.filter((p) => p.ppid === found[i]!.pid));
  return found;
}

/** The pair's processes: embedded, the postmasters of this state folder and their children; docker, `docker top`. */
async function pairProcesses(all: ProcInfo[]): Promise<ProcInfo[]> {
  if (backend === 'docker') {
    const pids = await Promise.all(PAIR_NODES.map(async (node) => {
      const top = await execa('docker', ['top', node, '-o', 'pid'], { reject: false });
      return top.stdout.split('\n').slice(1).map(Number).filter(Boolean);
    }));
    return all.filter((p) => pids.flat().includes(p.pid));
  }
  const postmasters = (await processesMentioning(PAIR_NODES.map((n) => join(stateDir, 'nodes', n)))).filter(isPostgres);
  return tree(all, postmasters.map((p) => p.pid));
}

async function figures(sidecarPid: number): Promise<string> {
  const all = await allProcesses();
  const pair = await pairProcesses(all);
  const pairFiles = (await Promise.all(pair.map((p) => openFiles(p.pid)))).reduce((a, b) => a + b, 0);
  return `sidecar ${(await rssMiB(sidecarPid)).toFixed(1)} MiB RSS, ${await openFiles(sidecarPid)} open files, `
    + `${tree(all, [sidecarPid]).length} processes in its tree; pair ${pair.length} processes, ${pairFiles} open files; `
    + `machine ${all.length} processes`;
}

const env = { ...process.env, PGDEMO_CLUSTER_DIR: stateDir };
const sidecar = spawn(process.execPath, ['--import', './server/cli/early-signals.mjs', '--import', 'tsx', 'server/cli/main.ts', 'serve'],
  { cwd: root, env, stdio: ['ignore', 'pipe', 'inherit'] });
let printed = '';
sidecar.stdout!.on('data', (c: Buffer) => (printed += c.toString()));
const deadline = Date.now() + 120_000;
while (!/Sidecar listening on/.test(printed)) {
  if (sidecar.exitCode !== null || Date.now() > deadline) throw new Error(`the sidecar did not start:\n${printed}`);
  await new Promise((r) => setTimeout(r, 200));
}
const { url, token } = (await readSidecarFile(stateDir))!;
const api = async <T>(path: string, body: unknown): Promise<T> => (await fetch(`${url}${path}`, {
  method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(body),
})).json() as Promise<T>;

const snippets = [...(await loadSnippets()).values()];
const demos = [...new Set(snippets.map((s) => s.id.split('/')[0]!))];
/** the figures in a like-for-like moment: just after a reset, nothing running, the pair settled */
async function settledFigures(): Promise<string> {
  await api('/api/cluster/reset', {});
  await new Promise((r) => setTimeout(r, 3_000));
  return figures(sidecar.pid!);
}

const atStart = await settledFigures();
const started = Date.now();
const endAt = started + minutes * 60_000;
console.log(`soak: ${minutes} min on ${backend} (${stateDir}), demos ${demos.join(' ')}\nstart: ${atStart}`);
let rounds = 0;
let runs = 0;
const failures: string[] = [];
while (Date.now() < endAt) {
  for (const demo of demos) {
    if (Date.now() >= endAt) break;
    const reset = await api<{ ok: boolean; detail?: string }>('/api/cluster/reset', {});
    if (!reset.ok) failures.push(`${demo} reset: ${reset.detail}`);
    for (const s of snippets.filter((x) => x.id.startsWith(`${demo}/`))) {
      const result = await api<RunResponse>('/api/run', { snippet: s.id });
      runs++;
      if (!result.ok) failures.push(`${s.id}: ${JSON.stringify(result).slice(0, 300)}`);
    }
  }
  rounds++;
  console.log(`round ${rounds} at ${((Date.now() - started) / 60_000).toFixed(1)} min, ${runs} runs, ${failures.length} failed: ${await figures(sidecar.pid!)}`);
}
const atEnd = await settledFigures();
const exited = once(sidecar, 'exit');
sidecar.kill('SIGINT');
await exited;
if (ownDir) {
  const cluster = createCluster({ stateDir }); // the backend the folder remembers
  await cluster.destroy();
  await cluster.close();
  await rm(stateDir, { recursive: true, force: true });
}
console.log(`\nstart: ${atStart}\nend:   ${atEnd}\n${rounds} rounds, ${runs} runs in ${((Date.now() - started) / 60_000).toFixed(1)} min, ${failures.length} failed`);
for (const f of failures) console.log(`  failed: ${f}`);
process.exitCode = failures.length ? 1 : 0;
