// One database per demo for the psql comparison, in which the seed's queries answer the same for the real psql and ours:
// the tables and rows the demo's own SQL snippets create (CREATE TABLE/INDEX, INSERT … VALUES), and in a schema `pin`,
// searched before pg_catalog, fixed stand-ins for what changes from one call to the next (now(), clock_timestamp(), LSNs, the
// replication and activity views, pg_sleep). Each tool gets its own copy of it, so both see every side effect in turn.
import pg from 'pg';
import type { NodeConnection } from '../../../../cluster';
import { loadSnippets } from '../../../../../snippets/load';
import { splitScript } from '../../../../../runner/sql/split-script';

const PIN = `
CREATE SCHEMA pin;
CREATE FUNCTION pin.now() RETURNS timestamptz LANGUAGE sql STABLE AS $$SELECT timestamptz '2026-03-04 05:06:07.891234+00'$$;
CREATE FUNCTION pin.clock_timestamp() RETURNS timestamptz LANGUAGE sql AS $$SELECT timestamptz '2026-03-04 05:06:07.891234+00'$$;
CREATE FUNCTION pin.pg_current_wal_lsn() RETURNS pg_lsn LANGUAGE sql AS $$SELECT pg_lsn '0/3000148'$$;
CREATE FUNCTION pin.pg_switch_wal() RETURNS pg_lsn LANGUAGE sql AS $$SELECT pg_lsn '0/3000160'$$;
CREATE FUNCTION pin.pg_sleep(double precision) RETURNS void LANGUAGE plpgsql AS $$BEGIN END$$;
CREATE TABLE pin.pg_stat_replication AS SELECT * FROM pg_catalog.pg_stat_replication WITH NO DATA;
INSERT INTO pin.pg_stat_replication (pid, usesysid, usename, application_name, client_addr, client_port,
  backend_start, state, sent_lsn, write_lsn, flush_lsn, replay_lsn, write_lag, flush_lag, replay_lag, sync_priority,
  sync_state, reply_time)
VALUES (4141, 16384, 'replicator', 'standby', '127.0.0.1', 51234, '2026-03-04 05:00:00+00', 'streaming',
  '0/3000148', '0/3000148', '0/3000148', '0/3000060', '00:00:00.000412', '00:00:00.000968', '00:00:00.001234', 0,
  'async', '2026-03-04 05:06:07.5+00');
CREATE TABLE pin.pg_stat_activity AS SELECT * FROM pg_catalog.pg_stat_activity WITH NO DATA;
INSERT INTO pin.pg_stat_activity (datname, pid, usename, application_name, backend_start, query_start, state,
  wait_event_type, wait_event, query, backend_type)
VALUES ('postgres', 4242, 'postgres', 'psql', '2026-03-04 05:00:00+00', '2026-03-04 05:01:00+00', 'active',
  'Timeout', 'PgSleep', 'SELECT region, sum(amount), pg_sleep(900) FROM daily_report GROUP BY region', 'client backend');
CREATE TABLE pin.pg_stat_wal_receiver AS SELECT * FROM pg_catalog.pg_stat_wal_receiver WITH NO DATA;
INSERT INTO pin.pg_stat_wal_receiver (pid, status, receive_start_lsn, receive_start_tli, written_lsn, flushed_lsn,
  received_tli, sender_host, sender_port)
VALUES (4343, 'streaming', '0/3000000', 2, '0/3000148', '0/3000148', 2, '127.0.0.1', 55432);
`;

const FIXTURE_STATEMENT = /^\s*(?:CREATE\s+(?:TABLE|INDEX)\b|INSERT\s+INTO\s+\S+\s*\([^)]*\)\s*VALUES\b)/i;

async function withClient<T>(connection: NodeConnection, database: string, work: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ ...connection, database });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Creates `<prefix>_real_<demo>` and `<prefix>_ours_<demo>` for each demo; returns the database names. */
export async function createPinnedWorlds(connection: NodeConnection, demos: string[]): Promise<Map<string, { real: string; ours: string }>> {
  const snippets = [...(await loadSnippets()).values()];
  const worlds = new Map<string, { real: string; ours: string }>();
  for (const demo of demos) {
    const template = `cmp_template_${demo}`;
    const names = { real: `cmp_real_${demo}`, ours: `cmp_ours_${demo}` };
    await withClient(connection, 'postgres', async (c) => {
      for (const db of [template, names.real, names.ours]) await c.query(`DROP DATABASE IF EXISTS ${db}`);
      await c.query(`CREATE DATABASE ${template}`);
    });
    await withClient(connection, template, async (c) => {
      await c.query(PIN);
      for (const snippet of snippets.filter((s) => s.kind === 'sql' && s.id.startsWith(`${demo}/`))) {
        for (const item of splitScript(snippet.text)) {
          if (item.kind === 'sql' && FIXTURE_STATEMENT.test(item.text)) await c.query(item.text);
        }
      }
    });
    await withClient(connection, 'postgres', async (c) => {
      for (const db of [names.real, names.ours]) {
        await c.query(`CREATE DATABASE ${db} TEMPLATE ${template}`);
        await c.query(`ALTER DATABASE ${db} SET search_path = public, pin, pg_catalog`);
      }
    });
    worlds.set(demo, names);
  }
  return worlds;
}
