// Rehearse's drift report, on a real pair: Demo 3 rehearsed as the deck stands differs in nothing from its recordings;
// rehearsed with one snippet changed on purpose (a copy of the deck's snippets, served by a second sidecar on the
// same pair), the report names that block and says how it differs. Run on the backend the recordings were made on:
// another backend's own messages (Docker's, on a stopped container) are drift it rightly reports.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Recording, RunResponse, Snippet } from '../../shared/types';
import { loadSnippets } from '../snippets/load';
import { startSidecar } from '../sidecar/start-sidecar';
import { testStack, type TestStack } from '../testing/test-stack';
import { DEMOS } from './checks';
import { demoDrift, figureDrift } from './drift';
import { readRecordings } from './recordings';
import { rehearseDemo } from './rehearse';
import { sidecarDeps } from './sidecar-deps';
import { demoBlocks } from './slide-order';

const DEMO = 'demo3';
const CHANGED = 'demo3/04-verify-standby';

let stack: TestStack;
let snippets: Map<string, Snippet>;
let blocks: Map<string, string[]>;
let recordings: Map<string, Recording>;

async function driftOf(deck: ReadonlyMap<string, Snippet>, sidecar: Parameters<typeof sidecarDeps>[1]) {
  const report = await rehearseDemo(DEMO, blocks.get(DEMO)!, DEMOS[DEMO]!, sidecarDeps(stack.cluster, sidecar));
  expect(report.stopped).toBeUndefined();
  return demoDrift(report.blocks, DEMOS[DEMO]!, recordings, (id) => deck.get(id)?.text);
}

describe('rehearse\'s drift report', () => {
  beforeAll(async () => {
    [snippets, blocks, recordings] = await Promise.all([loadSnippets(), demoBlocks(), readRecordings()]);
    stack = await testStack({ backend: recordings.get(CHANGED)!.backend, snippets });
  });

  afterAll(async () => {
    await stack?.cleanup();
  });

  it('finds nothing drifted when the deck is as it was recorded', async () => {
    expect(await driftOf(snippets, stack.sidecar)).toEqual([]);
  });

  it('names the block whose snippet changed, and how its result differs', async () => {
    const changed = new Map(snippets);
    const original = snippets.get(CHANGED)!;
    changed.set(CHANGED, { ...original, text: `${original.text}\nSELECT 1 AS drift_probe;` });
    const edited = await startSidecar({ cluster: stack.cluster, snippets: changed, statusFeed: { log: () => undefined } });
    try {
      const recorded = recordings.get(CHANGED)!.result;
      const results = recorded.kind === 'sql' ? recorded.results.length : NaN;
      expect(await driftOf(changed, edited)).toEqual([{
        snippet: CHANGED,
        differences: [`${results} results → ${results + 1}`, '(its text changed since the recording)'],
      }]);
    } finally {
      await edited.close();
    }
  });
});

describe('a quoted figure\'s tolerance', () => {
  const shell = (stdout: string): RunResponse => ({ ok: true, kind: 'shell', runId: 'r', exitCode: 0, stdout, stderr: '', durationMs: 1 });
  const figure = { label: 'catch-up', snippet: 'x', pattern: String.raw`^took ([\d.]+ s)` };

  it('lets a figure vary as timings on a shared machine do, and names one that moved past the tolerance', () => {
    expect(figureDrift(figure, shell('took 1.33 s'), shell('took 4.32 s'))).toBeUndefined(); // ×3.2, but 3 s apart
    expect(figureDrift(figure, shell('took 3.1 s'), shell('took 12.5 s'))).toBe('catch-up 3.1 s → 12.5 s (more than ×3 apart)');
    expect(figureDrift(figure, shell('took 3.1 s'), shell('nothing'))).toBe('catch-up 3.1 s → (none)');
    const size = { label: 'WAL', snippet: 'x', pattern: '^WAL (.+)$' };
    expect(figureDrift(size, shell('WAL 180 MB'), shell('WAL 300 MB'))).toBeUndefined();
    expect(figureDrift(size, shell('WAL 180 MB'), shell('WAL 2 GB'))).toBe('WAL 180 MB → 2 GB (more than ×3 apart)');
  });
});
