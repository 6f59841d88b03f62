// Runs a fault's evidence on the live pair, as a candidate would (read-only SQL, the server log), and says whether
// what came back shows the symptom. The reveal, the tests and `rehearse --drills` read the same results.
import { messageOf } from '../../shared/errors';
import type { NodeName } from '../../shared/types';
import type { Cluster } from '../cluster/cluster';
import { pollUntil } from '../cluster/poll';
import { sql } from '../cluster/sql/client';
import type { Evidence, Fault } from './types';

export const LOG_LINES = 60;

export interface EvidenceResult {
  title: string;
  node: NodeName;
  shows: string;
  /** SQL: the rows (values as pg returns them, JSON-safe); log: the matching lines */
  rows?: Record<string, unknown>[];
  lines?: string[];
  /** true/false: whether it shows the symptom; null: context only (no check) */
  showsSymptom: boolean | null;
  error?: string;
}

export async function runEvidence(cluster: Pick<Cluster, 'connection' | 'serverLog'>, evidence: Evidence): Promise<EvidenceResult> {
  const base = { title: evidence.title, node: evidence.node, shows: evidence.shows };
  try {
    if (evidence.kind === 'log') {
      const lines = (await cluster.serverLog(evidence.node, LOG_LINES)).split('\n').filter((l) => evidence.pattern.test(l));
      return { ...base, lines, showsSymptom: lines.length > 0 };
    }
    const rows = await sql(cluster, evidence.node, evidence.sql);
    return { ...base, rows: rows.map(jsonSafe), showsSymptom: evidence.check ? evidence.check(rows) : null };
  } catch (err) {
    return { ...base, showsSymptom: evidence.kind === 'log' || evidence.check ? false : null, error: messageOf(err) };
  }
}

export function runAllEvidence(cluster: Pick<Cluster, 'connection' | 'serverLog'>, fault: Fault): Promise<EvidenceResult[]> {
  return Promise.all(fault.evidence.map((e) => runEvidence(cluster, e)));
}

/** Waits until every check of the fault's evidence shows its symptom; returns the results that did. */
export function waitForSymptom(cluster: Pick<Cluster, 'connection' | 'serverLog'>, fault: Fault): Promise<EvidenceResult[]> {
  let last: EvidenceResult[] = [];
  return pollUntil(async () => {
    last = await runAllEvidence(cluster, fault);
    return last.every((r) => r.showsSymptom !== false) ? last : undefined;
  }, { timeoutMs: fault.showsWithinMs, intervalMs: 200, what: `the evidence of ${fault.name}` }).catch((err: unknown) => {
    const missing = last.filter((r) => r.showsSymptom === false).map((r) => `${r.title}: ${r.error ?? JSON.stringify(r.rows ?? r.lines)}`);
    throw new Error(`${messageOf(err)} Not shown: ${missing.join('; ')}`, { cause: err });
  });
}

/** Rows as JSON would carry them (intervals, dates and bigints become text), for the page and the practice log. */
function jsonSafe(row: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, v === null || typeof v !== 'object' ? v : jsonValue(v)]));
}

function jsonValue(v: object): unknown {
  if (v instanceof Date) return v.toISOString();
  const asText = (v as { toPostgres?: () => string }).toPostgres?.();
  return asText ?? JSON.parse(JSON.stringify(v)) as unknown;
}
