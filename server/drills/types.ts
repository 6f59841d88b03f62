// What a drill fault is: a real fault made on the pair, the evidence that shows it, its remedy, and hints. Each fault
// lives in faults/<name>.ts; the catalog (catalog.ts) lists them; the drill (drill.ts) injects, reveals and fixes them.
import type { Cluster } from '../cluster/cluster';
import type { NodeName } from '../../shared/types';
import type { HeldSessions } from './held-sessions';

/** One thing a careful engineer would look at, and what it shows while the fault is present. */
export type Evidence = SqlEvidence | LogEvidence;

interface EvidenceBase {
  /** what it looks at, in a few words: "pg_stat_replication on the primary" */
  title: string;
  node: NodeName;
  /** what its output shows while the fault is present, for the reveal */
  shows: string;
}

export interface SqlEvidence extends EvidenceBase {
  kind: 'sql';
  /** read-only SQL (it runs in the console's read-only transaction too) */
  sql: string;
  /** true when the rows show the symptom; absent: context for the reveal, not a test of the symptom */
  check?: (rows: Record<string, unknown>[]) => boolean;
}

export interface LogEvidence extends EvidenceBase {
  kind: 'log';
  /** a line of the server log that shows the symptom */
  pattern: RegExp;
}

/** What a fault's inject and fix work with: the pair, and the sessions the drill keeps open (a long query, a writer). */
export interface DrillContext {
  cluster: Cluster;
  held: HeldSessions;
  /** what a fault's inject keeps for its fix (the setting it replaced), by a key of the fault's own */
  saved: Map<string, string>;
}

export interface Fault {
  /** the catalog's key: `pgdemo drill --fault NAME` */
  readonly name: string;
  /** a few words a candidate picks from the diagnosis list */
  readonly title: string;
  /** one line: what is wrong and why */
  readonly cause: string;
  readonly evidence: readonly Evidence[];
  /** what fixes it, in one line (fix() applies it) */
  readonly remedy: string;
  /** vague → precise */
  readonly hints: readonly [string, string, string];
  /** what it changes: two faults at once never share one (they would hide or undo each other) */
  readonly touches: readonly string[];
  /** how long after inject its symptom may take to show (a timeout PostgreSQL must notice first) */
  readonly showsWithinMs: number;
  /** null when it can be made on this cluster; else why not */
  available(cluster: Cluster): string | null;
  inject(ctx: DrillContext): Promise<void>;
  fix(ctx: DrillContext): Promise<void>;
}
