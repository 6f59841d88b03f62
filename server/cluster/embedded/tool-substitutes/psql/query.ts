// One query string sent the way psql sends it (one simple-protocol Query, however many statements it holds), with each
// statement's result handed over as soon as it is complete, as psql prints them. pg runs it as a "submittable". A COPY
// … TO STDOUT hands over its data as it comes; a COPY … FROM STDIN asks for its data (psql's input) and sends it.
import type pg from 'pg';
import type { Column } from './print-table';

export interface StatementResult {
  /** null for a command without a row description (CREATE, INSERT without RETURNING, …) */
  columns: Column[] | null;
  rows: (string | null)[][];
  /** the full command tag, e.g. "INSERT 0 2"; "" for an empty query */
  tag: string;
  /** a COPY … TO STDOUT: its data went to stdout, where psql prints no tag after it */
  copiedOut: boolean;
}

export interface QueryHandlers {
  onResult(result: StatementResult): void;
  /** a piece of a COPY … TO STDOUT's data, as the server sent it */
  onCopyData(chunk: Uint8Array): void;
  /** the data for a COPY … FROM STDIN; throws when there is none to give */
  copySource(): string;
}

export interface QueryOutcome {
  /** the server's error (a pg DatabaseError) or a lost connection (an Error) */
  error?: unknown;
  /** how many COPY … FROM STDIN ran (were given their data) */
  copiesIn: number;
}

interface RowDescription { fields: Array<{ name: string; dataTypeID: number }> }
interface DataRow { fields: (string | null)[] }
interface CommandComplete { text: string }
interface ProtocolConnection {
  query(text: string): void;
  sendCopyFromChunk(chunk: Buffer): void;
  endCopyFrom(): void;
  sendCopyFail(message: string): void;
}

// psql sends the data line by line; pieces of this size keep a large COPY from becoming one huge message
const COPY_CHUNK = 64 * 1024;

class PsqlQuery {
  #columns: Column[] | null = null;
  #rows: (string | null)[][] = [];
  /** set by the connection's CopyOutResponse (pg hands a submittable no such call) */
  copyingOut = false;
  #copiesIn = 0;
  readonly done: Promise<QueryOutcome>;
  #finish!: (outcome: QueryOutcome) => void;

  constructor(readonly text: string, private readonly handlers: QueryHandlers) {
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
    this.handlers.onResult({ columns: this.#columns, rows: this.#rows, tag: msg.text, copiedOut: this.copyingOut });
    this.#columns = null;
    this.#rows = [];
    this.copyingOut = false;
  }

  handleEmptyQuery(): void {
    // psql prints nothing for a query that held only blanks or comments
  }

  handleError(error: unknown): void {
    this.#finish({ error, copiesIn: this.#copiesIn });
  }

  handleReadyForQuery(): void {
    this.#finish({ copiesIn: this.#copiesIn });
  }

  handleCopyInResponse(connection: ProtocolConnection): void {
    this.#copiesIn++;
    let data: Buffer;
    try {
      data = Buffer.from(this.handlers.copySource());
    } catch (err) {
      connection.sendCopyFail((err as Error).message);
      return;
    }
    for (let at = 0; at < data.length; at += COPY_CHUNK) connection.sendCopyFromChunk(data.subarray(at, at + COPY_CHUNK));
    connection.endCopyFrom();
  }

  handleCopyData(msg: { chunk: Buffer }): void {
    this.handlers.onCopyData(msg.chunk);
  }

  handlePortalSuspended(): void {}
}

export async function sendQuery(client: pg.Client, text: string, handlers: QueryHandlers): Promise<QueryOutcome> {
  const query = new PsqlQuery(text, handlers);
  const copyingOut = () => (query.copyingOut = true);
  client.connection.on('copyOutResponse', copyingOut);
  try {
    // pg accepts any object with submit(): it then hands it every protocol message of this query
    void (client.query as unknown as (q: PsqlQuery) => unknown)(query);
    return await query.done;
  } finally {
    client.connection.off('copyOutResponse', copyingOut);
  }
}
