// The committed recordings (what the deck shows offline and in the PDF) are complete and match the snippets' text: a
// snippet edited since its recording fails here with the command that records it again.
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSnippets } from '../snippets/load';
import {
  LAG_FILE, RECORDINGS_DIR, lagRecordingProblems, readLagRecordings, readRecordings, recordCommand, recordingProblems, snippetHash,
} from './recordings';
import { demoBlocks, demosWithLagCharts } from './slide-order';

/** how close to the run's start and end the lag heard must reach: a few of the status feed's beats, on a busy machine */
const COVERED_WITHIN_MS = 2_000;

describe('recordings/', () => {
  it('holds one recording per snippet, made from the snippet\'s current text (else: re-record with the command named)', async () => {
    const problems = recordingProblems((await loadSnippets()).values(), await readRecordings());
    expect(problems, `${problems.length} recording(s) to make again:\n${problems.join('\n')}`).toEqual([]);
  });

  it('each from a real, successful run, saying where and when it ran', async () => {
    const snippets = await loadSnippets();
    for (const [id, recording] of await readRecordings()) {
      expect(recording.result.ok, id).toBe(true);
      expect(recording.result.kind, id).toBe(snippets.get(id)?.kind);
      expect(recording.result.editedText, id).toBeUndefined();
      expect(['embedded', 'docker'], id).toContain(recording.backend);
      expect(recording.postgresVersion, id).toMatch(/^\d+\.\d+/);
      expect(Date.parse(recording.recordedAt), id).not.toBeNaN();
    }
  });

  it('holds, for each demo with a lag chart, the lag its charts showed during the run its blocks come from: a few KB', async () => {
    const [recordings, lags, blocks, demos] = await Promise.all([readRecordings(), readLagRecordings(), demoBlocks(), demosWithLagCharts()]);
    expect(demos.length).toBeGreaterThan(0);
    for (const demo of demos) {
      const lag = lags.get(demo);
      const problems = lagRecordingProblems(demo, blocks.get(demo)!, lag, recordings);
      expect(problems, problems.join('\n')).toEqual([]);
      // the chart covers the run, from its first block's first seconds to its last (the feed speaks ~4 times a second; a flat stretch
      // keeps only its ends, so how many points there are says nothing)
      const times = Object.values(lag!.series).flat().map((s) => s[0]);
      expect(Math.min(...times), `${demo}: the first lag sample (ms into the run)`)
        .toBeLessThanOrEqual((lag!.blocks[0]?.from ?? 0) + COVERED_WITHIN_MS);
      expect(Math.max(...times), `${demo}: the last lag sample (ms into the run)`).toBeGreaterThanOrEqual(lag!.endsAt - COVERED_WITHIN_MS);
      for (const samples of Object.values(lag!.series)) {
        expect(samples!.map((s) => s[0]), `${demo}: in time order, within the recording`)
          .toEqual(samples!.map((s) => s[0]).sort((a, b) => a - b).filter((t) => t >= 0 && t <= lag!.endsAt));
      }
      expect((await stat(join(RECORDINGS_DIR, demo, LAG_FILE))).size, `${demo}: downsampled`).toBeLessThan(16_384);
    }
  });

  it('tells a lag recording of another run from the blocks\' own', () => {
    const recording = (snippet: string, runId: string, recordedAt: string) => ({
      snippet, snippetSha256: '', recordedAt, backend: 'embedded' as const, postgresVersion: '15.4',
      result: { ok: true, kind: 'shell' as const, runId, exitCode: 0, stdout: '', stderr: '', durationMs: 1 },
    });
    const lag = {
      demo: 'demo9', startedAt: '2026-01-01T00:00:00.000Z', backend: 'embedded' as const, postgresVersion: '15.4', endsAt: 9000,
      blocks: [{ snippet: 'demo9/a', runId: 'r1', from: 1000, to: 2000 }, { snippet: 'demo9/b', runId: 'r2', from: 3000, to: 4000 }], series: {},
    };
    const recordings = new Map([
      ['demo9/a', recording('demo9/a', 'r1', '2026-01-01T00:00:02.000Z')],
      ['demo9/b', recording('demo9/b', 'r9', '2026-01-01T00:00:04.000Z')],
    ]);
    expect(lagRecordingProblems('demo9', ['demo9/a', 'demo9/b'], lag, recordings))
      .toEqual(['recordings/demo9/lag.json is from another run than recordings/demo9/b.json: run `npm run rehearse -- --demo 9`']);
    expect(lagRecordingProblems('demo9', ['demo9/a'], lag, recordings)[0]).toMatch(/ran demo9\/a, demo9\/b, not the demo's blocks/);
    expect(lagRecordingProblems('demo9', ['demo9/a'], undefined, recordings)).toEqual(['recordings/demo9/lag.json is missing: run `npm run rehearse -- --demo 9`']);
  });

  it('finds a stale recording, a missing one and a left-over one, and names the command', () => {
    const snippet = { id: 'demo3/07-data-integrity', kind: 'sql', title: 't', text: 'SELECT 2' } as const;
    const other = { ...snippet, id: 'demo3/08-dr-report', text: 'SELECT 3' };
    const recording = (id: string, text: string) => ({
      snippet: id, snippetSha256: snippetHash(text), recordedAt: '2026-01-01T00:00:00Z', backend: 'embedded' as const,
      postgresVersion: '15.4', result: { ok: true, kind: 'sql' as const, runId: 'r', node: 'postgres-primary' as const, durationMs: 1, results: [], notices: [] },
    });
    const problems = recordingProblems([snippet, other], new Map([
      ['demo3/07-data-integrity', recording('demo3/07-data-integrity', 'SELECT 1')],
      ['demo3/99-gone', recording('demo3/99-gone', 'x')],
    ]));
    expect(problems).toEqual([
      `recordings/demo3/07-data-integrity.json is stale (recorded 2026-01-01T00:00:00Z from other text): run \`${recordCommand('demo3')}\``,
      `demo3/08-dr-report has no recording: run \`npm run rehearse -- --demo 3\``,
      `recordings/demo3/99-gone.json belongs to no snippet: run \`npm run rehearse -- --demo 3\``,
    ]);
  });
});
