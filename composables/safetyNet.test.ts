// When a live run offers its recording: a failure unlike the rehearsal's, a run past its budget; never a demo's
// intended error, a run the sidecar does not know, or a block without a recording.
import { describe, expect, it } from 'vitest';
import type { Recording, RunResponse } from '../shared/types';
import type { RunView } from './runReducer';
import { budgetMs, offerOf, OVERRUN } from './safetyNet';

const sqlResult = (durationMs: number, error?: { code: string; message: string }): RunResponse =>
  ({ ok: !error, kind: 'sql', runId: 'r', node: 'postgres-primary', durationMs, results: [], notices: [], ...(error ? { error } : {}) });
const recording = (result: RunResponse): Recording =>
  ({ snippet: 'demo1/01-x', snippetSha256: '', recordedAt: '2026-12-07T10:00:00Z', backend: 'embedded', postgresVersion: '15.20', result });
const running: RunView = { runId: 'live', state: 'running', startedAt: 0, chunks: [] };
const ended = (result: RunResponse): RunView => ({ runId: 'live', state: result.ok ? 'done' : 'error', startedAt: 0, chunks: [], result });
const readOnly = { code: '25006', message: 'cannot execute INSERT in a read-only transaction' };

describe('the safety net\'s offer', () => {
  it('a run past twice its rehearsed time, and at least the slack more', () => {
    const quick = recording(sqlResult(40));
    expect(budgetMs(quick)).toBe(40 + OVERRUN.slackMs);
    expect(offerOf(running, quick, 4_000)).toBeUndefined();
    expect(offerOf(running, quick, 5_100)).toEqual({ why: 'overran', budgetMs: 5_040, rehearsedMs: 40 });
    const long = recording(sqlResult(60_000));
    expect(offerOf(running, long, 100_000)).toBeUndefined();
    expect(offerOf(running, long, 120_001)).toMatchObject({ why: 'overran', budgetMs: 120_000 });
  });

  it('a failure unlike the rehearsal\'s; a demo\'s intended error, failing the same way, offers nothing', () => {
    const lost = sqlResult(3, { code: '57P01', message: 'terminating connection due to administrator command' });
    expect(offerOf(ended(lost), recording(sqlResult(3)), 3)).toEqual({ why: 'failed', live: 'error 57P01', rehearsed: 'ok' });
    expect(offerOf(ended(sqlResult(3, readOnly)), recording(sqlResult(3, readOnly)), 3)).toBeUndefined();
    expect(offerOf(ended(lost), recording(sqlResult(3, readOnly)), 3)).toMatchObject({ live: 'error 57P01', rehearsed: 'error 25006' });
    expect(offerOf(ended(sqlResult(3)), recording(sqlResult(3)), 3)).toBeUndefined();
  });

  it('nothing to offer without a recording, for a run the sidecar never started, or once the recording is shown', () => {
    const lost = sqlResult(3, { code: '57P01', message: 'x' });
    expect(offerOf(ended(lost), undefined, 3)).toBeUndefined();
    expect(offerOf({ ...ended(lost), runId: '' }, recording(sqlResult(3)), 3)).toBeUndefined();
    expect(offerOf({ ...ended(lost), showsRecording: true }, recording(sqlResult(3)), 3)).toBeUndefined();
    expect(offerOf({ runId: 'live', state: 'error', startedAt: 0, chunks: [], failure: 'BUSY' }, recording(sqlResult(3)), 3)).toBeUndefined();
  });
});
