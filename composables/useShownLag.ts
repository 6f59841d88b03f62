// What a lag chart draws. Live: the last minute of the status feed (useLagHistory.ts). Offline and in the PDF: the lag
// rehearse recorded, as the live chart showed it when the next step started — the chart's slide's blocks, or what
// `during` names (a block; a demo for all of it), shaded (lagWindow.ts) — marked as recorded.
import { useSlideContext } from '@slidev/client';
import { computed, type ComputedRef } from 'vue';
import type { NodeName } from '../shared/types';
import { lagWindow, recordedSeries } from './lagWindow';
import { prettyBytes } from './useClusterStatus';
import { LAG_WINDOW_MS, useLagHistory, type LagPoint } from './useLagHistory';
import { recordedLabel, useRecordings } from './useRecordings';
import { slideBlocks } from './slideBlocks';

export interface LagView {
  series: Partial<Record<NodeName, LagPoint[]>>;
  /** the x axis, in seconds, and a point's place on it */
  x: { min: number; max: number; title: string; of: (t: number) => number };
  /** the stretch (x axis) while the slide's blocks ran, shaded */
  step?: [number, number];
  peak: number;
  /** the line under the chart */
  caption: string;
  /** false while the recording loads: an export waits for it */
  ready: boolean;
}

const peakOf = (series: LagView['series']) => Math.max(0, ...Object.values(series).flatMap((p) => p!.map((q) => q.bytes ?? 0)));

export function useShownLag(during: () => string | undefined): ComputedRef<LagView> {
  const live = useLagHistory().series;
  const { lags, loaded, offline } = useRecordings();
  const { $page } = useSlideContext();
  return computed(() => {
    if (!offline.value) {
      const series = live.value;
      const newest = Math.max(0, ...Object.values(series).flatMap((p) => p!.map((q) => q.t)));
      const peak = peakOf(series);
      return { series, peak, ready: true, caption: `peak in the last minute: ${prettyBytes(peak)}`,
        x: { min: -LAG_WINDOW_MS / 1000, max: 0, title: 'seconds ago', of: (t) => (t - newest) / 1000 } };
    }
    const named = during();
    const blocks = named ? (named.includes('/') ? [named] : []) : slideBlocks($page.value);
    const lag = lags.get(named?.split('/')[0] ?? blocks[0]?.split('/')[0] ?? '');
    const window = lag && lagWindow(lag, blocks);
    if (!lag || !window) {
      return { series: {}, peak: 0, ready: loaded.value, caption: loaded.value ? 'no recorded lag for this chart: run `npm run rehearse`' : '',
        x: { min: 0, max: 1, title: '', of: (t) => t } };
    }
    const series = recordedSeries(lag, window);
    const peak = peakOf(series);
    const zero = window.step === undefined ? 0 : window.to;
    const of = (t: number) => (t - zero) / 1000;
    return { series, peak, ready: true, step: window.step === undefined ? undefined : [of(window.step), 0],
      caption: `${recordedLabel({ ...lag, recordedAt: lag.startedAt })}: ${window.step === undefined ? 'the whole demo'
        : 'this step shaded'} · peak ${prettyBytes(peak)}`,
      x: { min: of(window.from), max: of(window.to), title: window.step === undefined ? 'seconds since the demo\'s reset' : 'seconds before the next step', of } };
  });
}
