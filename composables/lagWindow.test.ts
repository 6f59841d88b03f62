// A chart offline shows the recorded lag as the live chart showed it when the next step started: at least the last
// minute, and from a little before its slide's first block.
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { LagRecording } from '../shared/types';
import { LEAD_MS, lagWindow, recordedSeries } from './lagWindow';
import { LAG_WINDOW_MS } from './useLagHistory';

const lag: LagRecording = {
  demo: 'demo9', startedAt: '2026-01-01T00:00:00.000Z', backend: 'embedded', postgresVersion: '15.4', endsAt: 200_000, series: {},
  blocks: [
    { snippet: 'demo9/a', runId: 'r1', from: 3_000, to: 4_000 },
    { snippet: 'demo9/b', runId: 'r2', from: 70_000, to: 150_000 },
    { snippet: 'demo9/c', runId: 'r3', from: 160_000, to: 161_000 },
  ],
};

describe('lagWindow', () => {
  it('ends when the next block started, and shows the last minute or from a little before the slide\'s block', () => {
    expect(lagWindow(lag, ['demo9/b'])).toEqual({ from: 70_000 - LEAD_MS, to: 160_000, step: 70_000 });
    expect(lagWindow(lag, ['demo9/a'])).toEqual({ from: 3_000, to: 70_000, step: 3_000 }); // not into the reset before it
    expect(lagWindow(lag, ['demo9/a', 'demo9/b'])).toEqual({ from: 3_000, to: 160_000, step: 3_000 });
    expect(lagWindow(lag, ['demo9/c'])).toEqual({ from: 200_000 - LAG_WINDOW_MS, to: 200_000, step: 160_000 });
  });

  it('the whole demo without blocks; nothing for a block that did not run in this recording', () => {
    expect(lagWindow(lag, [])).toEqual({ from: 3_000, to: 200_000 });
    expect(lagWindow(lag, ['demo9/z'])).toBeUndefined();
  });
});

describe('recordedSeries', () => {
  const series: LagRecording['series'] = {
    'postgres-primary': [[1_000, 0, 'running']], // a standby in the last demo only, before this window
    'postgres-standby': [[3_000, 0, 'running'], [5_000, 4096, 'frozen'], [90_000, 0, 'running']],
    'postgres-standby2': [[3_100, 0, 'running'], [5_100, 8192, 'running']],
  };

  it('one series per standby the recording holds, cut to the window', () => {
    expect(recordedSeries({ ...lag, series }, { from: 3_000, to: 70_000 })).toEqual({
      'postgres-standby': [{ t: 3_000, bytes: 0, state: 'running' }, { t: 5_000, bytes: 4096, state: 'frozen' }],
      'postgres-standby2': [{ t: 3_100, bytes: 0, state: 'running' }, { t: 5_100, bytes: 8192, state: 'running' }],
    });
  });

  it('a recording made with the pair (one standby) reads as before', () => {
    const pair = { ...lag, series: { 'postgres-standby': series['postgres-standby'] } };
    expect(Object.keys(recordedSeries(pair, { from: 0, to: 200_000 }))).toEqual(['postgres-standby']);
  });

  it('every recording in recordings/ still gives a line per standby it recorded', () => {
    const dir = new URL('../recordings/', import.meta.url);
    const files = readdirSync(dir).map((d) => new URL(`${d}/lag.json`, dir)).filter((f) => existsSync(f));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const recorded = JSON.parse(readFileSync(file, 'utf8')) as LagRecording;
      const shown = recordedSeries(recorded, lagWindow(recorded, [])!);
      expect(Object.keys(shown).length, file.pathname).toBeGreaterThan(0);
      expect(Object.keys(shown).every((name) => name in recorded.series)).toBe(true);
    }
  });
});
