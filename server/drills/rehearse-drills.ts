// `pgdemo rehearse --drills` and bench/drills.ts: every fault's cycle on one pair — reset, inject, the evidence shows
// the symptom, fix, a healthy streaming pair — timed, with a table. The same Drill and evidence the sidecar uses.
import { messageOf } from '../../shared/errors';
import type { Cluster } from '../cluster/cluster';
import { FAULTS } from './catalog';
import { Drill } from './drill';
import { waitForSymptom } from './evidence';
import type { Fault } from './types';

export interface DrillCycle {
  fault: string;
  /** why it was not run (not offered on this cluster) */
  skipped?: string;
  resetMs?: number;
  /** the fault's own inject (the drill's settings and console role not included) */
  injectMs?: number;
  /** from the end of inject to every check of the evidence showing the symptom */
  evidenceMs?: number;
  /** the fault's own remedy */
  remedyMs?: number;
  /** the remedy, the drill's settings taken back, and the wait for a healthy streaming pair */
  healthyMs?: number;
  passed: boolean;
  error?: string;
}

export async function rehearseFault(cluster: Cluster, fault: Fault): Promise<DrillCycle> {
  const skipped = fault.available(cluster);
  if (skipped) return { fault: fault.name, skipped, passed: true };
  const cycle: DrillCycle = { fault: fault.name, passed: false };
  let drill: Drill | undefined;
  try {
    let started = performance.now();
    const reset = await cluster.reset();
    if (!reset.ok) throw new Error(`reset: ${reset.detail ?? 'did not reach its goal'}`);
    cycle.resetMs = Math.round(performance.now() - started);
    drill = await Drill.start(cluster, [fault], { reset: false });
    cycle.injectMs = drill.injections[0]!.ms;
    started = performance.now();
    await waitForSymptom(cluster, fault);
    cycle.evidenceMs = Math.round(performance.now() - started);
    started = performance.now();
    const report = await drill.fix();
    cycle.healthyMs = Math.round(performance.now() - started);
    cycle.remedyMs = report.fixes[0]!.ms;
    if (!report.ok) throw new Error(report.detail ?? 'the fix did not reach its goal');
    cycle.passed = true;
  } catch (err) {
    cycle.error = messageOf(err).split('\n')[0];
    await drill?.end();
  }
  return cycle;
}

export async function rehearseDrills(cluster: Cluster, onCycle: (cycle: DrillCycle) => void = () => undefined): Promise<DrillCycle[]> {
  const cycles: DrillCycle[] = [];
  for (const fault of FAULTS) {
    const cycle = await rehearseFault(cluster, fault);
    cycles.push(cycle);
    onCycle(cycle);
  }
  return cycles;
}

const seconds = (ms: number | undefined) => (ms === undefined ? '—' : `${(ms / 1000).toFixed(2)} s`);

export function drillTable(cycles: readonly DrillCycle[]): string {
  const head = ['fault', 'reset', 'inject', 'evidence', 'remedy', 'to healthy', ''];
  const rows = cycles.map((c) => [c.fault, seconds(c.resetMs), seconds(c.injectMs), seconds(c.evidenceMs), seconds(c.remedyMs),
    seconds(c.healthyMs), c.skipped ? `not offered: ${c.skipped}` : c.passed ? 'passed' : `FAILED: ${c.error ?? ''}`]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (row: string[]) => row.map((cell, i) => (i > 0 && i < 6 ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!))).join('  ').trimEnd();
  return [line(head), ...rows.map(line)].join('\n');
}
