// One query string sent the way psql sends it (one simple-protocol Query, however many statements it holds), with each
// statement's result handed over as soon as it is complete, as psql prints them. pg runs it as a "submittable".
import type pg from 'pg';
import type { Column } from './print-table';

export interface StatementResult {
  /** null for a command without a row description (CREATE, INSERT without RETURNING, …) */
  columns: Column[] | null;
  rows: (string | null)[][];
  /** the full command tag, e.g. "INSERT 0 2"; "" for an empty query */
  tag: string;
}

export interface QueryOutcome {
  /** the server's error (a pg DatabaseError) or a lost connection (an Error) */
  error?: unknown;
}

interface RowDescription { fields: Array<{ name: string; dataTypeID: number }> }
interface DataRow { fields: (string | null)[] }
interface CommandComplete { text: string }
interface ProtocolConnection {
  query(text: string): void;
  sendCopyFail(message: string): void;
}

class PsqlQuery {
  #columns: Column[] | null = null;
  #rows: (string | null)[][] = [];
  readonly done: Promise<QueryOutcome>;
  #finish!: (outcome: QueryOutcome) => void;

  constructor(readonly text: string, private readonly onResult: (result: StatementResult) => void) {
    this.done = new Promise((resolve) => (this.#finish = resolve));
  }

  submit(connection: ProtocolConnection): void {
    connection.query(this.text);
  }

  handleRowDescription(msg: RowDescription): void {
    this.#columns = msg.fields.map((f) => ({ name: f.name, dataTypeID: f.dataTypeID }));
    this.#rows = [];
  }

  handleDataRow(msg: DataRow): void {
    this.#rows.push(msg.fields);
  }

  handleCommandComplete(msg: CommandComplete): void {
    this.onResult({ columns: this.#columns, rows: this.#rows, tag: msg.text });
    this.#columns = null;
    this.#rows = [];
  }

  handleEmptyQuery(): void {
    // psql prints nothing for a query that held only blanks or comments
  }

  handleError(error: unknown): void {
    this.#finish({ error });
  }

  handleReadyForQuery(): void {
    this.#finish({});
  }

  handleCopyInResponse(connection: ProtocolConnection): void {
    connection.sendCopyFail('COPY FROM STDIN is not supported by this psql');
  }

  handleCopyData(): void {}

  handlePortalSuspended(): void {}
}

export async function sendQuery(client: pg.Client, text: string, onResult: (result: StatementResult) => void): Promise<QueryOutcome> {
  const query = new PsqlQuery(text, onResult);
  // pg accepts any object with submit(): it then hands it every protocol message of this query
  void (client.query as unknown as (q: PsqlQuery) => unknown)(query);
  return query.done;
}
