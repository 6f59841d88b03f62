// bench:beyond-pair's part `deck`: Demo 8's failover under ANY 1 as the audience sees it — the deck's own block (a
// writer commits as fast as it can, postgres-standby goes down mid-load, the primary is crashed, the standby with the
// most WAL is promoted and every acknowledged id looked up on it), through a sidecar, `runs` times from a fresh
// two-standbys reset each. Which standby was chosen and by how much, what was lost, and what promoting the other would
// have lost. (The part `crash` measures the same promotion rule without the deck, under more writers.)
import { DEMO8_LINES } from '../server/rehearse/checks/demo8';
import { loadSnippets } from '../server/snippets/load';
import type { BackendKind, ShellRunResponse } from '../shared/types';
import { benchEnv, median } from './support';

const BLOCK = 'demo8/10-failover-by-lsn';

const figure = (text: string, pattern: string) => new RegExp(pattern, 'm').exec(text)?.[1];
const range = (values: number[]) => `${Math.min(...values)} / ${median(values)} / ${Math.max(...values)}`;

/** The part's table: a header and one row for this backend. */
export async function measureDeckFailover(backend: BackendKind, runCount: number): Promise<string[]> {
  const snippets = [...(await loadSnippets()).values()].filter((s) => s.id === BLOCK);
  const env = await benchEnv(snippets, backend);
  const ask = async <T>(path: string, body: unknown): Promise<T> => (await fetch(`${env.sidecar.url}${path}`, {
    method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${env.sidecar.token}` }, body: JSON.stringify(body),
  })).json() as Promise<T>;
  const runs: { promoted: string; ahead: number; acknowledged: number; lost: number; lostOtherwise: number }[] = [];
  try {
    for (let i = 0; i < runCount; i++) {
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
  return ['| backend | runs | promoted | ahead by, bytes (min / median / max) | acknowledged (min / median / max) | lost in all runs | the other would have lost (min / median / max) |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    `| ${backend} | ${runs.length} | ${chosen} | ${range(runs.map((r) => r.ahead))} | ${range(runs.map((r) => r.acknowledged))} | `
    + `${runs.reduce((n, r) => n + r.lost, 0)} | ${range(runs.map((r) => r.lostOtherwise))} |`];
}
