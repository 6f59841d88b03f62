// The control for (f)'s noise: how steady this machine's CPU is with nothing of ours running — a fixed loop's speed in
// back-to-back windows (coefficient of variation between windows), and the interval a change that does nothing gets
// when the same windows are read as A-B-B-A pairs. When this is steady and (f)'s insert pairs are not, the noise is the
// insert load's own (five busy processes sharing two cores), not the machine's.
// `npx tsx bench/machine-noise.ts` (`BENCH_NOISE_WINDOW_MS`, default 250; `BENCH_NOISE_WINDOWS`, default 80).
import { ratioInterval } from './support';

const WINDOW_MS = Number(process.env.BENCH_NOISE_WINDOW_MS ?? 250);
const WINDOWS = Number(process.env.BENCH_NOISE_WINDOWS ?? 80);

/** Rounds of a fixed arithmetic loop completed in each window. */
function loopSpeeds(): number[] {
  const speeds: number[] = [];
  let sink = 0;
  for (let w = 0; w < WINDOWS; w++) {
    const end = performance.now() + WINDOW_MS;
    let rounds = 0;
    while (performance.now() < end) {
      for (let i = 0; i < 10_000; i++) sink = (sink + i * 7) % 1_000_003;
      rounds++;
    }
    speeds.push(rounds);
  }
  if (sink < 0) console.log(sink); // keeps the loop from being optimised away
  return speeds;
}

const speeds = loopSpeeds();
const mean = speeds.reduce((a, b) => a + b, 0) / speeds.length;
const cv = Math.sqrt(speeds.reduce((a, b) => a + (b - mean) ** 2, 0) / (speeds.length - 1)) / mean;
const ratios: number[] = [];
for (let q = 0; q + 3 < speeds.length; q += 4) ratios.push((speeds[q]! + speeds[q + 3]!) / (speeds[q + 1]! + speeds[q + 2]!));
const interval = ratioInterval(ratios);
console.log(`fixed CPU loop, ${WINDOWS} windows of ${WINDOW_MS} ms, nothing else of ours running (${new Date().toISOString()})`);
console.log(`  speed between windows: CV ${(cv * 100).toFixed(1)} % (min ${Math.min(...speeds)}, max ${Math.max(...speeds)} rounds)`);
console.log(`  read as ${ratios.length} A-B-B-A pairs of a change that does nothing: ratio ${interval.mean.toFixed(3)}, `
  + `~95 % interval ${interval.low.toFixed(3)}–${interval.high.toFixed(3)}`);
