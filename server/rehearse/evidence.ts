// What a demo's checks read: the results of the blocks run so far, the cluster's status and, where a claim is about
// data, a query on a node. Rehearse and the demo-flow test give it from the sidecar they started; the browser tests
// from the deck's sidecar (`/api/runs/last`, `/api/cluster`) — the same checks either way.
import type { ClusterStatus, NodeName, NodeStatus, RunResponse, ShellRunResponse, SqlRunResponse } from '../../shared/types';
import { ClaimFailed } from './claims';

export interface EvidenceSource {
  /** the block's latest result in this demo, or undefined when it has not run */
  result(snippet: string): RunResponse | undefined;
  /** a fresh snapshot */
  status(): Promise<ClusterStatus>;
  query(node: NodeName, sql: string): Promise<Record<string, unknown>[]>;
}

export class Evidence {
  constructor(private readonly source: EvidenceSource) {}

  result(snippet: string): RunResponse {
    const result = this.source.result(snippet);
    if (!result) throw new Error(`${snippet} has not run`);
    return result;
  }

  #sql(snippet: string): SqlRunResponse {
    const result = this.result(snippet);
    if (result.kind !== 'sql') throw new Error(`${snippet} is not a SQL block`);
    return result;
  }

  #shell(snippet: string): ShellRunResponse {
    const result = this.result(snippet);
    if (result.kind !== 'shell') throw new Error(`${snippet} is not a shell block`);
    return result;
  }

  /** A column of the last result of a SQL block that has it, every row. */
  column(snippet: string, name: string): (string | null)[] {
    for (const result of [...this.#sql(snippet).results].reverse()) {
      const i = result.fields.findIndex((f) => f.name === name);
      if (i >= 0) return result.rows.map((row) => row[i] ?? null);
    }
    throw new ClaimFailed(`${snippet} has no column ${name}`);
  }

  /** The first row's value of that column. */
  cell(snippet: string, name: string): string | null | undefined {
    return this.column(snippet, name)[0];
  }

  /** Every value a SQL block returned, one per line (to search in). */
  values(snippet: string): string {
    return this.#sql(snippet).results.flatMap((r) => r.rows.flat()).join('\n');
  }

  stdout(snippet: string): string {
    return this.#shell(snippet).stdout;
  }

  stderr(snippet: string): string {
    return this.#shell(snippet).stderr;
  }

  status(): Promise<ClusterStatus> {
    return this.source.status();
  }

  /** A node as a fresh status snapshot shows it. */
  async node(name: NodeName): Promise<NodeStatus> {
    const node = (await this.status()).nodes.find((n) => n.name === name);
    if (!node) throw new ClaimFailed(`the status lists no ${name}`);
    return node;
  }

  query(node: NodeName, sql: string): Promise<Record<string, unknown>[]> {
    return this.source.query(node, sql);
  }
}
