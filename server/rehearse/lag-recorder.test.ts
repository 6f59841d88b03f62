// The lag a demo's charts showed, recorded from the status feed's snapshots: downsampled without losing a peak or a
// frozen moment, and tied to the blocks of the same run. The real recordings are checked in recordings.test.ts.
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import type { ClusterStatus, LagSample, NodeStatus, ProcessState } from '../../shared/types';
import type { Cluster } from '../cluster/cluster';
import { StatusFeed } from '../sidecar/status-feed';
import { downsample, lagRecordingOf, recordLag } from './lag-recorder';
import type { DemoReport } from './rehearse';

describe('downsample', () => {
  it('keeps, per half second, the most lag in the worst state, and only the ends of a flat stretch', () => {
    const samples: LagSample[] = [
      [0, 0, 'running'], [250, 0, 'running'], [500, 0, 'running'], [1000, 0, 'running'],
      [1600, 4096, 'running'], [1700, 100, 'frozen'], // one bucket: its peak, and the standby was frozen in it
      [2000, null, 'stopped'], [2250, 0, 'running'],
    ];
    expect(downsample(samples)).toEqual([[0, 0, 'running'], [1000, 0, 'running'], [1600, 4096, 'frozen'], [2250, 0, 'stopped']]);
  });
});

const node = (name: NodeStatus['name'], lagBytes: number | null, state: ProcessState) =>
  ({ name, role: name === 'postgres-standby' ? 'standby' : 'primary', state, lagBytes }) as NodeStatus;

describe('recordLag', () => {
  it('hears the feed\'s snapshots from its start to its stop, each standby\'s lag, with when each block ran', async () => {
    let lag = 0;
    const cluster = {
      status: async () => ({
        backend: 'embedded', at: new Date().toISOString(), up: true, tools: { version: '15.4' },
        nodes: [node('postgres-primary', null, 'running'), node('postgres-standby', (lag += 1000), 'running')],
      }) as unknown as ClusterStatus,
    } as Cluster;
    const feed = new StatusFeed(cluster, { intervalMs: 50, log: () => {} });
    const recorder = recordLag(feed);
    const started = Date.now();
    await sleep(1_800); // four half-second buckets
    const heard = recorder.stop();
    const afterStop = lag;
    await sleep(100);
    expect(lag, 'the feed stops polling with its last listener').toBe(afterStop);

    const at = new Date(started + 200);
    const report = { demo: 'demo9', resetMs: 0, blocks: [{ snippet: 'demo9/a', result: { runId: 'r1' }, durationMs: 100, at }] } as unknown as DemoReport;
    const recording = lagRecordingOf(report, heard, await cluster.status());
    expect(recording.blocks).toEqual([{ snippet: 'demo9/a', runId: 'r1', from: expect.closeTo(100, -1), to: expect.closeTo(200, -1) }]);
    const points = recording.series['postgres-standby']!;
    expect(points.length).toBeGreaterThanOrEqual(3);
    expect(points.map((p) => p[1])).toEqual([...points.map((p) => p[1])].sort((a, b) => a! - b!)); // growing, as it grew
    expect(recording.series['postgres-primary']).toBeUndefined();
    expect(recording.endsAt).toBeGreaterThanOrEqual(points.at(-1)![0]);
    expect(Date.parse(recording.startedAt)).toBeCloseTo(started, -2);
  });
});

describe('LagRecorder.take', () => {
  it('keeps a snapshot read outside the feed (the one after the reset), once, in order', () => {
    const silent = { subscribe: () => () => {} };
    const recorder = recordLag(silent);
    const status = (lagBytes: number, at: number) => ({
      at: new Date(at).toISOString(), nodes: [node('postgres-primary', null, 'running'), node('postgres-standby', lagBytes, 'running')],
    }) as unknown as ClusterStatus;
    const now = Date.now() + 5;
    recorder.take(status(10, now));
    recorder.take(status(20, now)); // the same moment again (the feed replaying it): not a second point
    recorder.take(status(30, now - 60_000)); // from before the recorder started: not this demo's
    expect(recorder.stop().snapshots).toEqual([{ at: now, standbys: [['postgres-standby', 10, 'running']] }]);
  });
});
