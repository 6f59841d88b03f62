// Sends one statement and collects its result(s) with the caps applied while rows arrive, so a huge SELECT is
// never held in memory whole.
import { Query, type Client, type CustomTypesConfig } from 'pg';

/** Every value stays the text PostgreSQL sent, as psql prints it. */
export const RAW_TEXT_TYPES: CustomTypesConfig = {
  getTypeParser: (() => (value: string) => value) as unknown as CustomTypesConfig['getTypeParser'],
};

export interface OutputBudget {
  maxRowsPerResult: number;
  /** shared by every result of the run */
  bytesLeft: number;
}

export interface StatementResult {
  /** the full command tag, e.g. "CREATE TABLE", "INSERT 0 3" (pg itself keeps only the first word) */
  tag: string;
  rowCount: number | null;
  fields: Array<{ name: string; dataTypeID: number }>;
  rows: (string | null)[][];
  truncated: boolean;
}

interface ResultBuilder {
  fields: Array<{ name: string; dataTypeID: number }>;
  rowCount: number | null;
  command: string | null;
}

export function runStatement(client: Client, text: string, budget: OutputBudget): Promise<StatementResult[]> {
  return new Promise((resolve, reject) => {
    const tags: string[] = [];
    const collected = new Map<ResultBuilder, { rows: (string | null)[][]; truncated: boolean }>();
    const onTag = (msg: { text?: string }) => tags.push(msg.text ?? '');
    // pg's Connection emits every protocol message by name; its typings only list a few
    const events = client.connection as unknown as NodeJS.EventEmitter;
    events.on('commandComplete', onTag);
    const done = () => events.off('commandComplete', onTag);

    // the typings of Query's constructor omit rowMode, which pg honours (rows as arrays: duplicate names survive)
    const config = { text, rowMode: 'array', types: RAW_TEXT_TYPES };
    const query = new Query(config as ConstructorParameters<typeof Query>[0]);
    query.on('row', (row: (string | null)[], result?: ResultBuilder) => {
      if (!result) return;
      let entry = collected.get(result);
      if (!entry) collected.set(result, (entry = { rows: [], truncated: false }));
      if (entry.truncated) return;
      const bytes = row.reduce((sum, value) => sum + (value === null ? 0 : Buffer.byteLength(value)), 0);
      if (entry.rows.length >= budget.maxRowsPerResult || bytes > budget.bytesLeft) {
        entry.truncated = true;
        return;
      }
      budget.bytesLeft -= bytes;
      entry.rows.push(row);
    });
    query.on('error', (err) => {
      done();
      reject(err);
    });
    query.on('end', (outcome: ResultBuilder | ResultBuilder[]) => {
      done();
      const results = Array.isArray(outcome) ? outcome : [outcome];
      resolve(results
        // an empty query (only a comment that slipped through) has no command
        .filter((result) => result.command !== null || collected.has(result))
        .map((result, i) => ({
          tag: tags[i] ?? result.command ?? '',
          rowCount: result.rowCount,
          fields: (result.fields ?? []).map((f) => ({ name: f.name, dataTypeID: f.dataTypeID })),
          rows: collected.get(result)?.rows ?? [],
          truncated: collected.get(result)?.truncated ?? false,
        })));
    });
    client.query(query);
  });
}

/** "INSERT 0 3" → "INSERT", "CREATE TABLE" → "CREATE TABLE" */
export function commandOf(tag: string): string {
  return tag.replace(/(?: \d+)+$/, '');
}
