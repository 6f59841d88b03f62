// One drill on the pair: from a reset pair, the drill's own timeouts, then each fault injected; later each fault's
// fix, the drill's settings taken back, and a wait for a healthy streaming pair. Timed, for the bench and rehearse.
import { PAIR_NODES } from '../../shared/topology';
import { DemoError, messageOf } from '../../shared/errors';
import type { Cluster } from '../cluster/cluster';
import { pollUntil } from '../cluster/poll';
import { createConsoleRole } from './console-role';
import { HeldSessions } from './held-sessions';
import { alterSystem } from './settings';
import type { DrillContext, Fault } from './types';
import { DRILL_SETTINGS } from './workload';

export interface FaultTiming {
  fault: string;
  ms: number;
  /** why it failed (a fix that failed: Reset still recovers) */
  error?: string;
}

export interface FixReport {
  ok: boolean;
  fixes: FaultTiming[];
  /** the pair streams again, caught up */
  healthy: boolean;
  detail?: string;
}

const HEALTHY_WITHIN_MS = 20_000;

const since = (started: number) => Math.round(performance.now() - started);

export class Drill {
  readonly #ctx: DrillContext;
  #fixed = false;

  private constructor(readonly cluster: Cluster, readonly faults: readonly Fault[], readonly injections: FaultTiming[]) {
    this.#ctx = { cluster, held: new HeldSessions(cluster), saved: new Map() };
  }

  /** Resets the pair (unless `reset: false`: the caller just did), then injects each fault in turn. */
  static async start(cluster: Cluster, faults: readonly Fault[], options: { reset?: boolean } = {}): Promise<Drill> {
    if (options.reset !== false) {
      // the drills are written for the seed's pair, whatever shape a demo left
      const report = await cluster.reset('pair');
      if (!report.ok) throw new DemoError('OPERATION_FAILED', `The reset before the drill did not reach its goal: ${report.detail ?? ''}`);
    }
    const drill = new Drill(cluster, faults, []);
    try {
      await Promise.all(PAIR_NODES.map((node) => alterSystem(cluster, node, { ...DRILL_SETTINGS })));
      await createConsoleRole(cluster);
      for (const fault of faults) {
        const started = performance.now();
        await fault.inject(drill.#ctx);
        drill.injections.push({ fault: fault.name, ms: since(started) });
      }
    } catch (err) {
      await drill.#ctx.held.endAll();
      throw new DemoError('OPERATION_FAILED', `The drill could not be set up: ${messageOf(err)} (Reset recovers the pair.)`, { cause: err });
    }
    return drill;
  }

  get fixed(): boolean {
    return this.#fixed;
  }

  /** Each fault's remedy, the drill's settings taken back, then a wait for a healthy streaming pair. */
  async fix(): Promise<FixReport> {
    const fixes: FaultTiming[] = [];
    for (const fault of this.faults) {
      const started = performance.now();
      try {
        await fault.fix(this.#ctx);
        fixes.push({ fault: fault.name, ms: since(started) });
      } catch (err) {
        fixes.push({ fault: fault.name, ms: since(started), error: messageOf(err) });
      }
    }
    await this.#ctx.held.endAll();
    await Promise.all(PAIR_NODES.map((node) => alterSystem(this.cluster, node, nullSettings()).catch(() => undefined)));
    const failed = fixes.filter((f) => f.error).map((f) => `${f.fault}: ${f.error}`);
    // a remedy that failed leaves its fault: no use waiting for a healthy pair (Reset is the way back)
    const healthy = failed.length ? 'not waited for: a remedy failed'
      : await waitHealthy(this.cluster).then(() => undefined, (err: unknown) => messageOf(err));
    this.#fixed = true;
    const problems = failed.length ? failed : healthy ? [healthy] : [];
    return {
      ok: problems.length === 0, fixes, healthy: healthy === undefined,
      ...(problems.length ? { detail: `${problems.join('; ')} (Reset recovers the pair.)` } : {}),
    };
  }

  /** Ends what the drill holds open (its sessions); the caller resets the pair if it is not fixed. */
  end(): Promise<void> {
    return this.#ctx.held.endAll();
  }
}

function nullSettings(): Record<string, null> {
  return Object.fromEntries(Object.keys(DRILL_SETTINGS).map((k) => [k, null]));
}

/** A primary and a standby streaming from it with nothing left to replay. */
export async function waitHealthy(cluster: Cluster, timeoutMs = HEALTHY_WITHIN_MS): Promise<void> {
  await pollUntil(async () => {
    const { nodes } = await cluster.status();
    const primary = nodes.find((n) => n.role === 'primary' && n.state === 'running');
    const standby = nodes.find((n) => n.role === 'standby' && n.state === 'running');
    return Boolean(primary && standby && standby.upstream === primary.name
      && standby.replicationState === 'streaming' && standby.lagBytes === 0);
  }, { timeoutMs, intervalMs: 100, what: 'a healthy streaming pair (the standby streaming, caught up)' });
}
