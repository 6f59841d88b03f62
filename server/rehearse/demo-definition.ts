// A demo as rehearse knows it: the claims to check (one definition, used by `pgdemo rehearse`, the demo-flow test and
// the browser tests) and the figures to print in its table.
import type { FigureSource } from '../../shared/figure-value';
import type { Evidence } from './evidence';

export interface DemoCheck {
  /** the claim, as the table and the test failures say it */
  claim: string;
  /** checked right after this block ran; without it, after the demo's last block */
  after?: string;
  /** replication is asynchronous: a failing check is tried again for up to this long */
  settleMs?: number;
  check(evidence: Evidence): void | Promise<void>;
}

export interface DemoFigure extends FigureSource {
  /** what rehearse's table calls it */
  label: string;
  snippet: string;
  unit?: string;
  /** the block's own run time (the sidecar's measurement) instead of a value from its output */
  duration?: boolean;
}

export interface DemoDefinition {
  checks: DemoCheck[];
  figures: DemoFigure[];
}

/** How long a check about the cluster's state may wait for replication to get there. */
export const SETTLE_MS = 20_000;
