// Demo 8's failover under ANY 1, measured live: its own block (a writer commits as fast as it can, postgres-standby goes
// down mid-load, the primary is crashed, the standby with the most WAL is promoted and every acknowledged id looked up
// on it), run FAILOVER_RUNS times (default 20) from a fresh two-standbys cluster each, on each backend of
// FAILOVER_BACKENDS (default embedded). Prints which standby was chosen and by how much, and what was lost — and what
// promoting the other would have lost.
//   npx tsx bench/failover-quorum.ts     FAILOVER_RUNS=20 FAILOVER_BACKENDS=embedded,docker (docker: PG_IMAGE, nobody else's pair)
import { DEMO8_LINES } from '../server/rehearse/checks/demo8';
import { loadSnippets } from '../server/snippets/load';
import type { BackendKind, ShellRunResponse } from '../shared/types';
import { benchEnv, median } from './support';

const RUNS = Number(process.env.FAILOVER_RUNS ?? 20);
const BACKENDS = (process.env.FAILOVER_BACKENDS ?? 'embedded').split(',').map((b) => b.trim()) as BackendKind[];
const BLOCK = 'demo8/10-failover-by-lsn';

const figure = (text: string, pattern: string) => new RegExp(pattern, 'm').exec(text)?.[1];
const range = (values: number[]) => `${Math.min(...values)} / ${median(values)} / ${Math.max(...values)}`;

async function measure(backend: BackendKind): Promise<string> {
  const snippets = [...(await loadSnippets()).values()].filter((s) => s.id === BLOCK);
  const env = await benchEnv(snippets, backend);
  const ask = async <T>(path: string, body: unknown): Promise<T> => (await fetch(`${env.sidecar.url}${path}`, {
    method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${env.sidecar.token}` }, body: JSON.stringify(body),
  })).json() as Promise<T>;
  const runs: { promoted: string; ahead: number; acknowledged: number; lost: number; lostOtherwise: number }[] = [];
  try {
    for (let i = 0; i < RUNS; i++) {
      await ask('/api/cluster/reset', { topology: 'two-standbys' });
      const { stdout, durationMs } = await ask<ShellRunResponse>('/api/run', { snippet: BLOCK });
      const run = {
        promoted: figure(stdout, DEMO8_LINES.promoted) ?? '?',
        ahead: Number(figure(stdout, DEMO8_LINES.aheadBytes)),
        acknowledged: Number(figure(stdout, DEMO8_LINES.acknowledged)),
        lost: Number(figure(stdout, DEMO8_LINES.lost)),
        lostOtherwise: Number(figure(stdout, DEMO8_LINES.lostOtherwise)),
      };
      runs.push(run);
      console.error(`${backend} #${i + 1}: promoted ${run.promoted} (ahead ${run.ahead} bytes), acknowledged ${run.acknowledged}, `
        + `lost ${run.lost}, the other would have lost ${run.lostOtherwise}, in ${(durationMs / 1000).toFixed(1)} s`);
    }
  } finally {
    await env.close();
  }
  const chosen = [...new Set(runs.map((r) => r.promoted))].map((n) => `${n} ${runs.filter((r) => r.promoted === n).length}`).join(', ');
  return `| ${backend} | ${runs.length} | ${chosen} | ${range(runs.map((r) => r.ahead))} | ${range(runs.map((r) => r.acknowledged))} | `
    + `${runs.reduce((n, r) => n + r.lost, 0)} | ${range(runs.map((r) => r.lostOtherwise))} |`;
}

const table = ['| backend | runs | promoted | ahead by, bytes (min / median / max) | acknowledged (min / median / max) | lost in all runs | the other would have lost (min / median / max) |',
  '| --- | --- | --- | --- | --- | --- | --- |'];
for (const backend of BACKENDS) table.push(await measure(backend));
console.log(`\nFailover under ANY 1, Demo 8's block, ${RUNS} runs (${new Date().toISOString().slice(0, 10)}):\n\n${table.join('\n')}`);
