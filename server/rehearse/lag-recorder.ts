// What the lag charts showed while rehearse ran a demo: the status feed's snapshots (the ones a page gets, ~4 Hz),
// each standby's lag and state kept, then downsampled into recordings/demoN/lag.json beside the blocks' recordings of
// the same run, with when each block ran — so a chart offline and in the PDF draws the stretch its slide covers.
import type { ClusterStatus, LagRecording, LagSample, NodeName, ProcessState } from '../../shared/types';
import type { StatusUpdate } from '../sidecar/status-feed';
import type { DemoReport } from './rehearse';

/** One point per half second at most: a demo's lag.json stays a few KB, and a burst of lag still shows its peak. */
export const LAG_BUCKET_MS = 500;

export interface StatusSource {
  subscribe(listener: (update: StatusUpdate) => void): () => void;
}

interface Snapshot { at: number; standbys: [NodeName, number | null, ProcessState][] }

export interface LagRecorder {
  /**
   * A snapshot read outside the feed: the one right after the reset, so a block that runs before the feed's next beat
   * (~250 ms) still has a point on its chart.
   */
  take(status: ClusterStatus): void;
  /** stops listening (the first time; after that, nothing more is heard) and gives the snapshots heard since the start */
  stop(): { startedAt: number; snapshots: Snapshot[] };
}

/** Listens to the feed from now on (t = 0), until stop(). */
export function recordLag(feed: StatusSource): LagRecorder {
  const startedAt = Date.now();
  const snapshots: Snapshot[] = [];
  const take = (status: ClusterStatus) => {
    const at = Date.parse(status.at);
    if (at < startedAt || at <= (snapshots.at(-1)?.at ?? -Infinity)) return; // the feed's last snapshot, replayed on subscribing
    snapshots.push({ at, standbys: status.nodes.filter((n) => n.role === 'standby').map((n) => [n.name, n.lagBytes, n.state]) });
  };
  // a read that failed (a node restarting) is a gap, as the live chart has
  const unsubscribe = feed.subscribe((update) => 'status' in update && take(update.status));
  return {
    take,
    stop() {
      unsubscribe();
      return { startedAt, snapshots };
    },
  };
}

const WORSE: Record<ProcessState, number> = { running: 0, frozen: 1, stopped: 2 };

/**
 * Per bucket of `bucketMs`, the sample with the most lag, in the worst state any sample of the bucket had (a frozen
 * moment stays visible); then, of a run of equal samples, only its first and last (a flat line needs two points).
 */
export function downsample(samples: readonly LagSample[], bucketMs = LAG_BUCKET_MS): LagSample[] {
  const buckets = new Map<number, LagSample>();
  for (const [t, bytes, state] of samples) {
    const key = Math.floor(t / bucketMs);
    const kept = buckets.get(key);
    if (!kept) {
      buckets.set(key, [t, bytes, state]);
      continue;
    }
    const more = (bytes ?? -1) > (kept[1] ?? -1);
    buckets.set(key, [more ? t : kept[0], more ? bytes : kept[1], WORSE[state] > WORSE[kept[2]] ? state : kept[2]]);
  }
  const points = [...buckets.values()];
  const same = (a: LagSample | undefined, b: LagSample) => a !== undefined && a[1] === b[1] && a[2] === b[2];
  return points.filter((p, i) => !(same(points[i - 1], p) && same(points[i + 1], p)));
}

/** The demo's lag.json: its blocks as they ran (from the report) and each standby's downsampled lag. */
export function lagRecordingOf(report: DemoReport, heard: ReturnType<LagRecorder['stop']>, status: ClusterStatus): LagRecording {
  const since = (ms: number) => Math.round(ms - heard.startedAt);
  const series: Partial<Record<NodeName, LagSample[]>> = {};
  // until the reset answered, the pair was the last demo's (its roles), then none
  for (const { at, standbys } of heard.snapshots.filter((s) => s.at >= heard.startedAt + report.resetMs)) {
    for (const [name, bytes, state] of standbys) (series[name] ??= []).push([since(at), bytes, state]);
  }
  for (const name of Object.keys(series) as NodeName[]) series[name] = downsample(series[name]!);
  const blocks = report.blocks.map((b) => ({
    snippet: b.snippet,
    runId: b.result.runId,
    from: since(b.at.getTime() - b.durationMs),
    to: since(b.at.getTime()),
  }));
  return {
    demo: report.demo,
    startedAt: new Date(heard.startedAt).toISOString(),
    backend: status.backend,
    postgresVersion: status.tools?.version ?? 'unknown',
    blocks,
    endsAt: Math.max(since(heard.snapshots.at(-1)?.at ?? heard.startedAt), blocks.at(-1)?.to ?? 0),
    series,
  };
}
