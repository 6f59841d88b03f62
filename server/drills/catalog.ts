// The drill's fault catalog: every fault it can make, in the order a list shows them, and which can go together.
import { DemoError } from '../../shared/errors';
import type { Cluster } from '../cluster/cluster';
import { abandonedSlot } from './faults/abandoned-slot';
import { applyDelay } from './faults/apply-delay';
import { divergedTimeline } from './faults/diverged-timeline';
import { feedbackBloat } from './faults/feedback-bloat';
import { hbaRejectsReplication } from './faults/hba-rejects-replication';
import { linkCut } from './faults/link-cut';
import { replayPaused } from './faults/replay-paused';
import { standbyQueryBlocksReplay } from './faults/standby-query-blocks-replay';
import { syncLatency } from './faults/sync-latency';
import { syncStandbyMissing } from './faults/sync-standby-missing';
import { wrongPassword } from './faults/wrong-password';
import type { Fault } from './types';

export const FAULTS: readonly Fault[] = [
  standbyQueryBlocksReplay, abandonedSlot, linkCut, syncLatency, syncStandbyMissing, wrongPassword, replayPaused,
  feedbackBloat, divergedTimeline, hbaRejectsReplication, applyDelay,
];

export function faultNamed(name: string): Fault {
  const fault = FAULTS.find((f) => f.name === name);
  if (!fault) {
    throw new DemoError('BAD_REQUEST', `No drill fault "${name}".`, { detail: `Faults: ${FAULTS.map((f) => f.name).join(', ')}` });
  }
  return fault;
}

/** Two faults go together when they change different things (else one would hide or undo the other). */
export function compatible(a: Fault, b: Fault): boolean {
  return a !== b && !a.touches.some((t) => b.touches.includes(t)) && !a.touches.includes('topology') && !b.touches.includes('topology');
}

export interface FaultOffer {
  name: string;
  title: string;
  /** why it is not offered on this cluster (absent: offered) */
  unavailable?: string;
}

/** Every fault, each saying whether this cluster can have it. The titles are the diagnosis list, decoys included. */
export function offers(cluster: Cluster): FaultOffer[] {
  return FAULTS.map((f) => {
    const why = f.available(cluster);
    return { name: f.name, title: f.title, ...(why ? { unavailable: why } : {}) };
  });
}

/** The faults a drill asks for, checked; or `count` chosen at random among those available that go together. */
export function chooseFaults(cluster: Cluster, names: readonly string[], count: 1 | 2, random = Math.random): Fault[] {
  if (names.length > 0) {
    const chosen = names.map(faultNamed);
    for (const fault of chosen) {
      const why = fault.available(cluster);
      if (why) throw new DemoError('INVALID_STATE', `The fault "${fault.name}" is not offered here: ${why}`);
    }
    if (chosen.length === 2 && !compatible(chosen[0]!, chosen[1]!)) {
      throw new DemoError('BAD_REQUEST', `"${chosen[0]!.name}" and "${chosen[1]!.name}" cannot run together: they change the same thing.`);
    }
    if (chosen.length > 2) throw new DemoError('BAD_REQUEST', 'A drill has one fault, or two at the senior level.');
    return chosen;
  }
  const pool = FAULTS.filter((f) => !f.available(cluster));
  const pick = <T>(items: T[]): T => items[Math.floor(random() * items.length)]!;
  const first = pick(count === 2 ? pool.filter((f) => pool.some((g) => compatible(f, g))) : pool);
  return count === 2 ? [first, pick(pool.filter((g) => compatible(first, g)))] : [first];
}
