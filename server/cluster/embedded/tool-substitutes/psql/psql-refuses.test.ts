// What the project's psql does not take on it refuses before anything runs: exit 1, nothing on stdout, one line on
// stderr saying what (and where, in a -f file). Each case starts with a statement that would leave a table behind; the
// table must not be there. Runs wherever PostgreSQL 15's server is (the real psql is not needed).
import { existsSync } from 'node:fs';
import { chown, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PG15_BIN, POSTGRES_USER, startScratchServers, type ScratchServers } from '../../../../testing/scratch-servers';
import { buildToolsBundle } from '../build';
import { CLIENT_TOOLS_BIN } from '../substitutes';
import { psqlEnv, runPsql } from './testing/run-psql';

const OURS = join(CLIENT_TOOLS_BIN, 'psql');
const LEAVES_A_TABLE = 'CREATE TABLE ran_before_the_refusal (a int);';

// the paths psql 15 has that this psql refuses, each as a line of a script
const REFUSED_LINES: Array<[string, RegExp]> = [
  ['SELECT 1 \\gx', /^\\gx is/],
  ['SELECT 1;\n\\gx', /^\\gx is/],
  ['SELECT 1 AS a \\gset', /^\\gset is/],
  ['SELECT 1 AS a \\gset p_', /^\\gset is/],
  ["SELECT 'SELECT 1' \\gexec", /^\\gexec is/],
  ['SELECT 1 \\gdesc', /^\\gdesc is/],
  ['SELECT 1 \\g /tmp/pgdemo-refused-out', /^\\g with an argument is/],
  ['SELECT 1 \\g |cat', /^\\g with an argument is/],
  ['SELECT 1 \\g (format=csv)', /^\\g with an argument is/],
  ['SELECT 1 \\gx /tmp/pgdemo-refused-out', /^\\gx with an argument is/],
  ['SELECT 1, 2, 3 \\crosstabview', /^\\crosstabview is/],
  ['SELECT 1 \\watch 1', /^\\watch is/],
  ['\\o /tmp/pgdemo-refused-out', /^\\o is/],
  ['\\out |cat', /^\\out is/],
  ['\\copy (SELECT 1) TO STDOUT', /^\\copy is/],
  ['\\copy t FROM STDIN', /^\\copy is/],
  ['SELECT 1\n\\p', /^\\p is/],
  ['SELECT 1\n\\w /tmp/pgdemo-refused-out', /^\\w is/],
  ['SELECT 1\n\\r', /^\\r is/],
  ['\\set x 1', /^\\set is/],
  ['\\i /dev/null', /^\\i is/],
  ['\\if true\n\\endif', /^\\if is/],
  ['\\x', /^\\x is/],
  ['\\pset format csv', /^\\pset is/],
  ['\\a', /^\\a is/],
  ['\\t on', /^\\t is/],
  ['\\d', /^\\d is/],
  ['\\dt+', /^\\dt\+ is/],
  ['\\l', /^\\l is/],
  ['\\conninfo', /^\\conninfo is/],
  ['\\c postgres', /^\\c is/],
  ['\\! echo hi', /^\\! is/],
  ['\\?', /^\\\? is/],
  ['\\h SELECT', /^\\h is/],
  ['\\prompt x', /^\\prompt is/],
  ['\\sf now', /^\\sf is/],
  ['\\lo_list', /^\\lo_list is/],
  ['\\dconfig', /^\\dconfig is/],
  ['\\echo `date`', /^a `…` shell command in a backslash command is/],
  ["\\echo 'unterminated", /^an unterminated quoted string in a backslash command is/],
  ['\\echo :DBNAME', /^the psql variable :DBNAME in a backslash command is/],
  ["SELECT :'USER';", /^the psql variable :'USER' is/],
  ['\\echo a \\\\ SELECT 1;', /^the \\\\ separator in a backslash command is/],
  ['\\echo ok \\gset', /^\\gset is/],
  ['SELECT 1 \\; SELECT 2;', /^\\; in SQL is/],
  ['SELECT 1 \\: ;', /^\\: in SQL is/],
  ['COPY t FROM STDIN (FORMAT binary);', /^COPY … FROM STDIN in binary format is/],
];

// the same as -c, where psql runs a backslash command alone
const REFUSED_COMMANDS: Array<[string, RegExp]> = [
  ['\\gset', /^\\gset is/],
  ['\\gx', /^\\gx is/],
  ['\\g /tmp/pgdemo-refused-out', /^\\g with an argument is/],
  ['\\o /tmp/pgdemo-refused-out', /^\\o is/],
  ['\\copy (select 1) to stdout', /^\\copy is/],
  ['\\set x 1', /^\\set is/],
  ['\\echo `date`', /shell command/],
  ['copy t from stdin with binary', /^COPY … FROM STDIN in binary format is/],
];

const NOT_SUPPORTED = / is not supported by this psql \(the project's own, used because PostgreSQL's client is not installed\), so nothing was run; install the PostgreSQL client \(Debian: postgresql-client\) for it\n$/;

let scratch: ScratchServers;
let bundle: string;
let workDir: string;
let client: pg.Client;

beforeAll(async () => {
  if (!existsSync(PG15_BIN)) return;
  [scratch, bundle] = await Promise.all([startScratchServers(1), buildToolsBundle()]);
  workDir = await mkdtemp(join(tmpdir(), 'pgdemo-psql-refuses-'));
  await chown(workDir, POSTGRES_USER.uid, POSTGRES_USER.gid);
  client = new pg.Client({ ...scratch.servers[0]!.connection, database: 'postgres' });
  await client.connect();
});
afterAll(async () => {
  await client?.end();
  await scratch?.destroy();
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

async function ours(args: string[], stdin = '') {
  const env = psqlEnv(scratch.servers[0]!, 'postgres', workDir, bundle);
  const run = await runPsql(OURS, args, { env, stdin, user: POSTGRES_USER, cwd: workDir });
  const { rows } = await client.query("SELECT to_regclass('ran_before_the_refusal') IS NOT NULL AS ran");
  return { ...run, stdout: run.stdout.toString(), stderr: run.stderr.toString(), ran: rows[0].ran as boolean };
}

describe.skipIf(!existsSync(PG15_BIN))('the project\'s psql refuses before anything runs', () => {
  it('each output path of psql it does not take on, in a script on stdin', async () => {
    for (const [line, what] of REFUSED_LINES) {
      const run = await ours(['-X'], `${LEAVES_A_TABLE}\n${line}\nSELECT 2;\n`);
      expect({ line, ...run }).toMatchObject({ line, code: 1, stdout: '', ran: false });
      // "psql:<stdin>:LINE: error: " and the one line
      const message = run.stderr.replace(/^psql:<stdin>:\d+: error: /, '');
      expect(message, line).toMatch(what);
      expect(message, line).toMatch(NOT_SUPPORTED);
      expect(run.stderr.split('\n').length, line).toBe(2);
    }
  });

  it('in a -f file, saying where', async () => {
    const file = join(workDir, 'refused.sql');
    await writeFile(file, `${LEAVES_A_TABLE}\n\n\\gset\n`);
    await chown(file, POSTGRES_USER.uid, POSTGRES_USER.gid);
    const run = await ours(['-f', file]);
    expect(run).toMatchObject({ code: 1, stdout: '', ran: false });
    expect(run.stderr).toMatch(new RegExp(`^psql:${file}:3: error: \\\\gset is`));
  });

  it('as a -c, also after another -c that would have run first', async () => {
    for (const [command, what] of REFUSED_COMMANDS) {
      const run = await ours(['-c', LEAVES_A_TABLE, '-c', command]);
      expect({ command, ...run }).toMatchObject({ command, code: 1, stdout: '', ran: false });
      expect(run.stderr.replace(/^psql: error: /, ''), command).toMatch(what);
      expect(run.stderr, command).toMatch(NOT_SUPPORTED);
    }
  });

  it('but not what a COPY takes as its data, nor what follows a \\q', async () => {
    const run = await ours(['-X'], 'CREATE TABLE data_t (a text);\nCOPY data_t FROM STDIN (FORMAT csv);\n\\gset\n\\.\n'
      + 'SELECT a FROM data_t;\nDROP TABLE data_t;\n\\q\n\\gset\n');
    expect(run).toMatchObject({ code: 0, stderr: '', stdout: 'CREATE TABLE\nCOPY 1\n   a   \n-------\n \\gset\n(1 row)\n\nDROP TABLE\n' });
  });
});
