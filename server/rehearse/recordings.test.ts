// The committed recordings (what the deck shows offline and in the PDF) are complete and match the snippets' text: a
// snippet edited since its recording fails here with the command that records it again.
import { describe, expect, it } from 'vitest';
import { loadSnippets } from '../snippets/load';
import { readRecordings, recordCommand, recordingProblems, snippetHash } from './recordings';

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
