// A fresh data folder copied by one `cp -a` (before) and by copyDir's parallel parts (after), alternately (A-B-B-A),
// in one run: the build copies one four times, reset and the spare twice. The folder is a real one: the golden copy's
// primary of a pair this bench builds.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { copyDir } from '../server/cluster/embedded/copy-dir';
import { testCluster } from '../server/cluster/test-support';
import { median, ms, timed } from './support';

const PAIRS = Number(process.env.BENCH_ROUNDS ?? 5);

async function cpA(from: string, to: string): Promise<void> {
  const cp = spawn('cp', ['-a', from, to], { stdio: 'ignore' });
  const [code] = (await once(cp, 'close')) as [number];
  if (code !== 0) throw new Error(`cp -a exited ${code}`);
}

export async function benchCopyDir(): Promise<number> {
  const { cluster, stateDir, cleanup } = await testCluster();
  const single: number[] = [];
  const parallel: number[] = [];
  try {
    await cluster.up();
    await cluster.down();
    const source = join(stateDir, 'golden', 'postgres-primary');
    let n = 0;
    const once = async (how: 'single' | 'parallel') => {
      const target = join(stateDir, `copy-${n++}`);
      const [took] = await timed(() => (how === 'single' ? cpA(source, target) : copyDir(source, target)));
      (how === 'single' ? single : parallel).push(took);
      await rm(target, { recursive: true, force: true });
    };
    for (let i = 0; i < PAIRS; i++) for (const how of i % 2 === 0 ? ['single', 'parallel'] as const : ['parallel', 'single'] as const) await once(how);
  } finally {
    await cleanup();
  }
  const ratio = median(single) / median(parallel);
  console.log(`copy of a fresh data folder: one cp -a ${ms(median(single))}, copyDir ${ms(median(parallel))} (medians of ${PAIRS}): ${ratio.toFixed(2)}x faster`);
  return ratio;
}

if (import.meta.url === `file://${process.argv[1]}`) await benchCopyDir();
