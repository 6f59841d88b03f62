// RPO, measured live: Demo 7's own blocks (a writer commits numbered rows as fast as it can, the primary is crashed
// mid-load, the standby promoted, acknowledged ids compared with the surviving ones), run RPO_RUNS times per mode
// (default 20) on each backend of RPO_BACKENDS (default embedded), through a sidecar as the deck runs them. Prints the
// distribution of lost acknowledged commits per mode. Each run resets the pair itself (pgdemo-reset).
//   npx tsx bench/rpo.ts            RPO_RUNS=20 RPO_BACKENDS=embedded,docker (docker: PG_IMAGE, and nobody else's pair)
import { loadSnippets } from '../server/snippets/load';
import { parseRpoRun, type RpoRun } from '../server/snippets/rpo-figures';
import type { BackendKind, ShellRunResponse } from '../shared/types';
import { benchEnv, median } from './support';

const RUNS = Number(process.env.RPO_RUNS ?? 20);
const BACKENDS = (process.env.RPO_BACKENDS ?? 'embedded').split(',').map((b) => b.trim()) as BackendKind[];
const MODES = [['async', 'demo7/01-crash-async'], ['sync', 'demo7/02-crash-sync']] as const;

function distribution(values: number[]): string {
  const buckets: [string, (v: number) => boolean][] = [['0', (v) => v === 0], ['1', (v) => v === 1], ['2–5', (v) => v >= 2 && v <= 5],
    ['6–20', (v) => v >= 6 && v <= 20], ['> 20', (v) => v > 20]];
  return buckets.map(([label, test]) => `${label}: ${values.filter(test).length}`).join(', ');
}

const range = (values: number[]) => `${Math.min(...values)} / ${median(values)} / ${Math.max(...values)}`;

async function measure(backend: BackendKind): Promise<string[]> {
  const snippets = [...(await loadSnippets()).values()].filter((s) => s.id.startsWith('demo7/'));
  const env = await benchEnv(snippets, backend);
  const rows: string[] = [];
  try {
    for (const [mode, id] of MODES) {
      const runs: RpoRun[] = [];
      for (let i = 0; i < RUNS; i++) {
        const response = await fetch(`${env.sidecar.url}/api/run`, {
          method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${env.sidecar.token}` },
          body: JSON.stringify({ snippet: id }),
        });
        const result = (await response.json()) as ShellRunResponse;
        const run = parseRpoRun(result.stdout);
        runs.push(run);
        console.error(`${backend} ${mode} #${i + 1}: standby ${run.standby}, acknowledged ${run.acknowledged}, lost ${run.lost}${run.lostIds.length ? ` (ids ${run.lostIds.join(' ')}…)` : ''} in ${(result.durationMs / 1000).toFixed(1)} s; the application was told: ${run.told}`);
      }
      const lost = runs.map((r) => r.lost);
      rows.push(`| ${backend} | ${mode} (standby ${[...new Set(runs.map((r) => r.standby))].join('/')}) | ${runs.length} | `
        + `${range(runs.map((r) => r.acknowledged))} | ${range(lost)} | ${lost.reduce((a, b) => a + b, 0)} | ${distribution(lost)} |`);
    }
  } finally {
    await env.close();
  }
  return rows;
}

const table = ['| backend | mode | runs | acknowledged min / median / max | lost min / median / max | lost in all runs | runs by lost |',
  '| --- | --- | --- | --- | --- | --- | --- |'];
for (const backend of BACKENDS) table.push(...await measure(backend));
console.log(`\nRPO, Demo 7's blocks, ${RUNS} runs per mode (${new Date().toISOString().slice(0, 10)}):\n\n${table.join('\n')}`);
