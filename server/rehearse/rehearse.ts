// One demo as a presenter runs it, without the browser: "Reset for this demo", then every block in slide order through
// the sidecar's own API (POST /api/cluster/reset, POST /api/run), the demo's checks after the blocks they follow and at
// its end, and the figures it measured. `pgdemo rehearse` and the demo-flow test (server/rehearse/demos.test.ts) both use it.
import { demoTopology, resetBefore } from '../../shared/demo-topology';
import { figureValue } from '../../shared/figure-value';
import type { ClusterStatus, NodeName, Recording, RunResponse, Snippet } from '../../shared/types';
import type { DemoDefinition } from './demo-definition';
import { Evidence } from './evidence';
import { snippetHash } from './recordings';
import { checksDue, runChecks, type CheckOutcome } from './run-checks';

export interface RehearseDeps {
  /** the sidecar's API: POST path with body, the parsed answer (a non-2xx answer throws) */
  post<T>(path: string, body: unknown): Promise<T>;
  status(): Promise<ClusterStatus>;
  query(node: NodeName, sql: string): Promise<Record<string, unknown>[]>;
  /** progress: a block starts, ends, a check ends */
  progress?: (event: ProgressEvent) => void;
  /** once the demo's reset has answered, before its first block */
  afterReset?: () => Promise<void>;
}

export type ProgressEvent =
  | { kind: 'block'; snippet: string }
  | { kind: 'block-done'; snippet: string; result: RunResponse; durationMs: number }
  | { kind: 'check'; outcome: CheckOutcome };

export interface BlockOutcome {
  snippet: string;
  result: RunResponse;
  /** wall time of the request, as the presenter waits for it */
  durationMs: number;
  /** when it finished */
  at: Date;
}

export interface FigureOutcome {
  label: string;
  value: string | undefined;
}

export interface DemoReport {
  demo: string;
  resetMs: number;
  blocks: BlockOutcome[];
  checks: CheckOutcome[];
  figures: FigureOutcome[];
  /** reset, blocks and checks */
  wallMs: number;
  /** why the demo stopped early: a block that failed or could not run */
  stopped?: string;
  passed: boolean;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

function figuresOf(definition: DemoDefinition, results: ReadonlyMap<string, RunResponse>): FigureOutcome[] {
  return definition.figures.map((figure) => {
    const result = results.get(figure.snippet);
    const value = figure.duration ? (result ? seconds(result.durationMs) : undefined) : figureValue(result, figure);
    return { label: figure.label, value: value === undefined ? undefined : `${value}${figure.unit ? ` ${figure.unit}` : ''}` };
  });
}

export async function rehearseDemo(demo: string, blocks: readonly string[], definition: DemoDefinition, deps: RehearseDeps): Promise<DemoReport> {
  const started = performance.now();
  const results = new Map<string, RunResponse>();
  const evidence = new Evidence({ result: (id) => results.get(id), status: deps.status, query: deps.query });
  const outcomes: BlockOutcome[] = [];
  const checks: CheckOutcome[] = [];
  const check = async (after: string | undefined) => {
    for (const outcome of await runChecks(checksDue(definition.checks, after), evidence)) {
      checks.push(outcome);
      deps.progress?.({ kind: 'check', outcome });
    }
  };

  // the demo's shape (shared/demo-topology.ts), as its first slide's button brings it: never the last demo's
  await deps.post('/api/cluster/reset', { topology: demoTopology(demo) });
  const resetMs = performance.now() - started;
  await deps.afterReset?.();
  let stopped: string | undefined;
  for (const snippet of blocks) {
    deps.progress?.({ kind: 'block', snippet });
    const t0 = performance.now();
    let result: RunResponse;
    try {
      // a reset within the demo, on this block's slide (its own button in the deck)
      const topology = resetBefore(snippet);
      if (topology) await deps.post('/api/cluster/reset', { topology });
      result = await deps.post<RunResponse>('/api/run', { snippet });
    } catch (err) {
      stopped = `${snippet} could not run: ${err instanceof Error ? err.message : String(err)}`;
      break;
    }
    const durationMs = performance.now() - t0;
    results.set(snippet, result);
    outcomes.push({ snippet, result, durationMs, at: new Date() });
    deps.progress?.({ kind: 'block-done', snippet, result, durationMs });
    if (!result.ok) {
      // the next blocks build on this one: what they would show is not the demo
      stopped = `${snippet} failed:\n${JSON.stringify(result, null, 2).slice(0, 3000)}`;
      break;
    }
    await check(snippet);
  }
  if (!stopped) await check(undefined);
  const ranAll = !stopped && outcomes.length === blocks.length;
  return {
    demo,
    resetMs,
    blocks: outcomes,
    checks,
    figures: figuresOf(definition, results),
    wallMs: performance.now() - started,
    stopped,
    passed: ranAll && checks.every((c) => c.passed) && checks.length === definition.checks.length,
  };
}

/** The recordings of a rehearsed demo: each block's result with what it ran on. */
export function recordingsOf(report: DemoReport, snippets: ReadonlyMap<string, Snippet>, status: ClusterStatus): Recording[] {
  return report.blocks.map(({ snippet, result, at }) => ({
    snippet,
    snippetSha256: snippetHash(snippets.get(snippet)!.text),
    recordedAt: at.toISOString(),
    backend: status.backend,
    postgresVersion: status.tools?.version ?? 'unknown',
    result,
  }));
}
