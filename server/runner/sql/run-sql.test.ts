import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startScratchServers, type ScratchServers } from '../../testing/scratch-servers';
import { runSql, type RunSqlOptions } from './run-sql';
import { BUILT_IN_TYPE_NAMES } from './type-names';

let scratch: ScratchServers;
const run = (text: string, extra: Partial<RunSqlOptions> = {}) =>
  runSql({ node: 'postgres-primary', connection: scratch.servers[0]!.connection, text, ...extra });

beforeAll(async () => {
  scratch = await startScratchServers(1);
});
afterAll(async () => {
  await scratch?.destroy();
});

describe('runSql on a running server', () => {
  it('runs a multi-statement script in order with full command tags and psql-style text values', async () => {
    const response = await run(`
      CREATE TABLE orders (id int PRIMARY KEY, note text, amount numeric(10,2));
      INSERT INTO orders VALUES (1, 'a;b', 12.5), (2, '', NULL);
      SELECT id, note, amount, pg_current_wal_lsn() AS lsn, true AS flag FROM orders ORDER BY id;
      UPDATE orders SET amount = 1 WHERE id = 2;
      DROP TABLE orders;`);
    expect(response.error).toBeUndefined();
    expect(response.ok).toBe(true);
    expect(response.kind).toBe('sql');
    expect(response.node).toBe('postgres-primary');
    expect(response.results.map((r) => [r.command, r.rowCount])).toEqual([
      ['CREATE TABLE', null], ['INSERT', 2], ['SELECT', 2], ['UPDATE', 1], ['DROP TABLE', null],
    ]);
    const select = response.results[2]!;
    expect(select.fields).toEqual([
      { name: 'id', type: 'int4' }, { name: 'note', type: 'text' }, { name: 'amount', type: 'numeric' },
      { name: 'lsn', type: 'pg_lsn' }, { name: 'flag', type: 'bool' },
    ]);
    // text exactly as PostgreSQL sends it: numeric keeps its scale, booleans are t/f, NULL is not ''
    expect(select.rows[0]!.slice(0, 3)).toEqual(['1', 'a;b', '12.50']);
    expect(select.rows[1]!.slice(0, 3)).toEqual(['2', '', null]);
    expect(select.rows[0]![3]).toMatch(/^[0-9A-F]+\/[0-9A-F]+$/);
    expect(select.rows[0]![4]).toBe('t');
    expect(select.durationMs).toBeUndefined();
  });

  it('keeps duplicate column names (rows are arrays)', async () => {
    const response = await run('SELECT 1 AS x, 2 AS x');
    expect(response.results[0]!.fields.map((f) => f.name)).toEqual(['x', 'x']);
    expect(response.results[0]!.rows).toEqual([['1', '2']]);
  });

  it('\\timing on gives per-statement durations from then on, \\timing off stops them', async () => {
    const response = await run('SELECT 1;\n\\timing on\nSELECT pg_sleep(0.2);\nSELECT 2;\n\\timing off\nSELECT 3;');
    expect(response.ok).toBe(true);
    const durations = response.results.map((r) => r.durationMs);
    expect(durations[0]).toBeUndefined();
    expect(durations[1]).toBeGreaterThanOrEqual(195);
    expect(durations[1]).toBeLessThan(2000);
    expect(durations[2]).toBeGreaterThanOrEqual(0);
    expect(durations[2]).toBeLessThan(durations[1]!);
    expect(durations[3]).toBeUndefined();
  });

  it('\\echo gives an ECHO result in its place', async () => {
    const response = await run("SELECT 1;\n\\echo 'Inserted' rows: done\nSELECT 2;");
    expect(response.results.map((r) => r.command)).toEqual(['SELECT', 'ECHO', 'SELECT']);
    expect(response.results[1]).toEqual({ command: 'ECHO', rowCount: null, fields: [], rows: [['Inserted rows: done']] });
  });

  it('stops at another meta-command, naming it, after running what came before', async () => {
    const response = await run('SELECT 1;\n\\d pg_class\nSELECT 2;');
    expect(response.ok).toBe(false);
    expect(response.results).toHaveLength(1);
    expect(response.error?.code).toBe('BAD_REQUEST');
    expect(response.error?.message).toContain('\\d');
    expect(response.error?.position).toBe(11);
  });

  it('reports a syntax error with SQLSTATE 42601 at its position in the whole snippet', async () => {
    const text = 'SELECT 1;\n-- a comment\nSELECT 2;\nSELEC 3;\nSELECT 4;';
    const response = await run(text);
    expect(response.ok).toBe(false);
    expect(response.results).toHaveLength(2);
    expect(response.error?.code).toBe('42601');
    expect(response.error?.message).toContain('syntax error at or near "SELEC"');
    expect(text.slice(response.error!.position! - 1).startsWith('SELEC 3')).toBe(true);
  });

  it('maps the position after multi-byte text and inside a later statement', async () => {
    const text = "SELECT 'ünïcödé 🐘';\nSELECT 'x' || nosuchcolumn;";
    const response = await run(text);
    expect(response.error?.code).toBe('42703');
    expect(text.slice(response.error!.position! - 1).startsWith('nosuchcolumn')).toBe(true);
  });

  it('keeps detail and hint of PostgreSQL errors', async () => {
    const response = await run(`
      CREATE TEMP TABLE parent (id int PRIMARY KEY);
      CREATE TEMP TABLE child (parent_id int REFERENCES parent);
      INSERT INTO child VALUES (7);`);
    expect(response.error?.code).toBe('23503');
    expect(response.error?.detail).toContain('Key (parent_id)=(7) is not present');
    const hinted = await run('SELECT * FROM pg_class WHERE relname = 1');
    expect(hinted.error?.code).toBe('42883');
    expect(hinted.error?.hint).toMatch(/explicit type casts/);
  });

  it('collects notices in order, psql style, including RAISE and "already exists, skipping"', async () => {
    const response = await run(`
      CREATE TEMP TABLE t (id int);
      CREATE TEMP TABLE IF NOT EXISTS t (id int);
      DO $$ BEGIN RAISE NOTICE 'first; with a semicolon'; RAISE WARNING 'second' USING DETAIL = 'more'; END $$;`);
    expect(response.ok).toBe(true);
    expect(response.notices).toEqual([
      'NOTICE:  relation "t" already exists, skipping',
      'NOTICE:  first; with a semicolon',
      'WARNING:  second\nDETAIL:  more',
    ]);
  });

  it('caps rows per result and marks the result truncated; rowCount stays the real count', async () => {
    const response = await run('SELECT g FROM generate_series(1, 50) g; SELECT 1', { maxRows: 10 });
    expect(response.results[0]!.rows).toHaveLength(10);
    expect(response.results[0]!.rows[9]).toEqual(['10']);
    expect(response.results[0]!.truncated).toBe(true);
    expect(response.results[0]!.rowCount).toBe(50);
    expect(response.results[1]!.truncated).toBeUndefined();
  });

  it('caps bytes over the whole run', async () => {
    const response = await run("SELECT repeat('x', 100) FROM generate_series(1, 30); SELECT 'more'", { maxBytes: 1000 });
    expect(response.results[0]!.rows).toHaveLength(10);
    expect(response.results[0]!.truncated).toBe(true);
    expect(response.results[1]!.rows).toHaveLength(0);
    expect(response.results[1]!.truncated).toBe(true);
  });

  it('gives each run a fresh session', async () => {
    await run("SET application_name = 'changed'; CREATE TEMP TABLE only_here (id int)");
    const response = await run("SELECT current_setting('application_name'), to_regclass('only_here') IS NULL");
    expect(response.results[0]!.rows).toEqual([['pgdemo', 't']]);
  });

  it('names user-defined types by looking them up', async () => {
    const response = await run("CREATE TYPE mood AS ENUM ('ok', 'sad'); SELECT 'ok'::mood AS m, 'x'::varchar AS v; DROP TYPE mood");
    expect(response.results[1]!.fields).toEqual([{ name: 'm', type: 'mood' }, { name: 'v', type: 'varchar' }]);
  });

  it('has built-in type names that match this server\'s catalog', async () => {
    const oids = Object.keys(BUILT_IN_TYPE_NAMES).join(',');
    const response = await run(`SELECT oid::int, typname FROM pg_type WHERE oid IN (${oids}) ORDER BY oid`);
    const fromServer = Object.fromEntries(response.results[0]!.rows.map(([oid, name]) => [Number(oid), name]));
    expect(fromServer).toEqual(BUILT_IN_TYPE_NAMES);
  });

  it('an empty or comment-only snippet succeeds with no results', async () => {
    const response = await run('-- nothing to do\n');
    expect(response).toMatchObject({ ok: true, results: [], notices: [] });
  });
});
