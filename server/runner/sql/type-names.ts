import type { Client } from 'pg';

// Built-in type OIDs are fixed by PostgreSQL's catalog (pg_type.dat) and shared by every version the demo runs, so the
// common ones need no round trip. Anything else (enums, domains, extensions) is looked up once per connection.
const BUILT_IN: Record<number, string> = {
  16: 'bool', 17: 'bytea', 18: 'char', 19: 'name', 20: 'int8', 21: 'int2', 22: 'int2vector', 23: 'int4',
  24: 'regproc', 25: 'text', 26: 'oid', 27: 'tid', 28: 'xid', 29: 'cid', 30: 'oidvector', 114: 'json', 142: 'xml',
  194: 'pg_node_tree', 600: 'point', 601: 'lseg', 602: 'path', 603: 'box', 604: 'polygon', 628: 'line', 650: 'cidr',
  700: 'float4', 701: 'float8', 705: 'unknown', 718: 'circle', 774: 'macaddr8', 790: 'money', 829: 'macaddr',
  869: 'inet', 1000: '_bool', 1001: '_bytea', 1003: '_name', 1005: '_int2', 1007: '_int4', 1009: '_text',
  1014: '_bpchar', 1015: '_varchar', 1016: '_int8', 1021: '_float4', 1022: '_float8', 1028: '_oid',
  1033: 'aclitem', 1034: '_aclitem', 1042: 'bpchar', 1043: 'varchar', 1082: 'date', 1083: 'time',
  1114: 'timestamp', 1115: '_timestamp', 1182: '_date', 1184: 'timestamptz', 1185: '_timestamptz',
  1186: 'interval', 1231: '_numeric', 1266: 'timetz', 1560: 'bit', 1562: 'varbit', 1700: 'numeric',
  2202: 'regprocedure', 2205: 'regclass', 2206: 'regtype', 2249: 'record', 2278: 'void', 2950: 'uuid',
  2951: '_uuid', 3220: 'pg_lsn', 3614: 'tsvector', 3615: 'tsquery', 3802: 'jsonb', 3807: '_jsonb',
  3904: 'int4range', 3906: 'numrange', 3908: 'tsrange', 3910: 'tstzrange', 3912: 'daterange', 3926: 'int8range',
  4072: 'jsonpath', 4089: 'regnamespace', 4096: 'regrole', 5038: 'pg_snapshot', 5069: 'xid8',
};

export const BUILT_IN_TYPE_NAMES: Readonly<Record<number, string>> = BUILT_IN;

/** Names of a connection's result column types, asking the server only for OIDs it has not seen yet. */
export class TypeNames {
  readonly #known = new Map<number, string>(Object.entries(BUILT_IN).map(([oid, name]) => [Number(oid), name]));

  constructor(private readonly lookup: (oids: number[]) => Promise<Array<[number, string]>>) {}

  static forClient(client: Client): TypeNames {
    return new TypeNames(async (oids) => {
      const { rows } = await client.query<[string, string]>({
        text: 'SELECT oid::int8::text, typname FROM pg_catalog.pg_type WHERE oid = ANY($1::oid[])',
        values: [oids],
        rowMode: 'array',
      });
      return rows.map(([oid, name]) => [Number(oid), name]);
    });
  }

  /** Never throws: a type that cannot be looked up shows as "oid 12345". */
  async resolve(oids: number[]): Promise<void> {
    const unknown = [...new Set(oids)].filter((oid) => !this.#known.has(oid));
    if (unknown.length === 0) return;
    try {
      for (const [oid, name] of await this.lookup(unknown)) this.#known.set(oid, name);
    } catch {
      // e.g. the transaction is aborted: fall back below
    }
    for (const oid of unknown) if (!this.#known.has(oid)) this.#known.set(oid, `oid ${oid}`);
  }

  name(oid: number): string {
    return this.#known.get(oid) ?? `oid ${oid}`;
  }
}
