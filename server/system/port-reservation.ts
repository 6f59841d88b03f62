// Ports for the pairs, sidecars and decks that tests and benchmarks start, taken from one allocator so that no two of
// them — in one run, or in two checkouts tested side by side — ever pick the same port. A reservation is a file per
// port in the system's temp folder, created exclusively and holding the reserving process's pid; it is stale once
// that process has gone. A port is handed out only if nothing listens on it either (a server left by a crashed run).
// The range sits below Linux's ephemeral ports (32768–60999), where outgoing connections would take ports at random;
// PGDEMO_TEST_PORTS=first-last moves it.
import { execFileSync } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isPortFree } from './ports';

function range(): [number, number] {
  const [first, last] = (process.env.PGDEMO_TEST_PORTS ?? '20000-31999').split('-').map(Number);
  if (!first || !last || first > last) throw new Error(`PGDEMO_TEST_PORTS: expected first-last, found "${process.env.PGDEMO_TEST_PORTS}"`);
  return [first, last];
}
// one folder per OS user: another user's folder would refuse our files
const DIR = join(tmpdir(), `pgdemo-port-reservations-${process.getuid?.() ?? 'user'}`);

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes the reservation file of `port` for this process; false if a live process holds it. */
function claim(port: number): boolean {
  const file = join(DIR, String(port));
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return true;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const holder = Number(readFileSync(file, 'utf8'));
      // a holder still writing its pid (empty file) counts as alive
      if (!holder || alive(holder)) return false;
      rmSync(file, { force: true });
    }
  }
  return false;
}

function release(ports: number[]): void {
  for (const port of ports) rmSync(join(DIR, String(port)), { force: true });
}

function candidates(count: number): number[] {
  mkdirSync(DIR, { recursive: true });
  // start at a random block, so that concurrent runs rarely race for the same files
  const [from, to] = range();
  const blocks = Math.floor((to - from + 1) / count);
  const first = Math.floor(Math.random() * blocks);
  return Array.from({ length: blocks }, (_, i) => from + ((first + i) % blocks) * count);
}

function claimRun(base: number, count: number): number[] | null {
  const taken: number[] = [];
  for (let port = base; port < base + count; port++) {
    if (!claim(port)) {
      release(taken);
      return null;
    }
    taken.push(port);
  }
  return taken;
}

/** The first of `count` consecutive ports reserved for this process (until it exits, or `releasePorts`). */
export async function reservePorts(count: number): Promise<number> {
  for (const base of candidates(count)) {
    const taken = claimRun(base, count);
    if (!taken) continue;
    if ((await Promise.all(taken.map(isPortFree))).every(Boolean)) return base;
    release(taken);
  }
  throw new Error(`no ${count} consecutive free ports in ${range().join('–')}`);
}

/**
 * The same, for a config file that cannot wait (playwright.config.ts): whether anything listens is asked of a child
 * process, which can block where this one cannot.
 */
export function reservePortsSync(count: number): number {
  for (const base of candidates(count)) {
    const taken = claimRun(base, count);
    if (!taken) continue;
    if (portsFreeSync(taken)) return base;
    release(taken);
  }
  throw new Error(`no ${count} consecutive free ports in ${range().join('–')}`);
}

export function releasePorts(base: number, count: number): void {
  release(Array.from({ length: count }, (_, i) => base + i));
}

function portsFreeSync(ports: number[]): boolean {
  const probe = `const net=require('net');Promise.all(${JSON.stringify(ports)}.map((p)=>new Promise((r)=>{const s=net.createServer();`
    + `s.once('error',()=>r(false));s.listen({port:p,host:'127.0.0.1',exclusive:true},()=>s.close(()=>r(true)))})))`
    + `.then((f)=>process.exit(f.every(Boolean)?0:1))`;
  try {
    execFileSync(process.execPath, ['-e', probe], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
