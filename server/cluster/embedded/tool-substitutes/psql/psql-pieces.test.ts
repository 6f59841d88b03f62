// The substitute psql's pure pieces, with what the real psql 15 was seen to do (psql-matches-real.test.ts checks the
// whole program against it where one is installed; these run everywhere, also where only Node is).
import { describe, expect, it } from 'vitest';
import { parseKeywordValue, parseUri, resolveConnection } from './conninfo';
import { copyDataAt } from './copy-data';
import { copiesFromStdin, isCopyFromStdin } from './copy-statement';
import { errorPosition, serverMessageText } from './error-text';
import { checkMetaLine } from './meta';
import { metaCommandAt } from './meta-line';
import { setVariableInSql } from './variables';
import { parseBool, parseOptions, UnsupportedOption, UsageError } from './options';
import { printTable } from './print-table';
import { ScriptReader, type ScriptStep } from './script';
import { timingText } from './session';

describe('options', () => {
  it('reads clustered flags, attached and separate values, repeated -c and positional database/user', () => {
    const options = parseOptions(['-tAc', 'select 1', '-F', ' ', '-vON_ERROR_STOP=1', '--command=select 2', 'db', 'me', 'extra']);
    expect(options).toMatchObject({
      actions: [{ kind: 'command', text: 'select 1' }, { kind: 'command', text: 'select 2' }],
      aligned: false, tuplesOnly: true, fieldSeparator: ' ', dbname: 'db', user: 'me',
      warnings: ['extra command-line argument "extra" ignored'],
    });
    expect(options.variables.get('ON_ERROR_STOP')).toBe('1');
  });

  it('refuses unknown options like getopt, and psql options it does not implement clearly', () => {
    expect(() => parseOptions(['-k'])).toThrow(new UsageError("invalid option -- 'k'"));
    expect(() => parseOptions(['-c'])).toThrow(new UsageError("option requires an argument -- 'c'"));
    expect(() => parseOptions(['-x'])).toThrow(UnsupportedOption);
  });

  it('reads booleans as psql does', () => {
    expect([parseBool('on'), parseBool('1'), parseBool('Y'), parseBool('of'), parseBool('maybe')])
      .toEqual([true, true, true, false, undefined]);
  });
});

describe('connection', () => {
  it('parses conninfo strings and URIs; a conninfo database wins over -h/-p', () => {
    expect(parseKeywordValue("host=127.0.0.1 port = 5433 password='it\\'s'")).toEqual({ host: '127.0.0.1', port: '5433', password: "it's" });
    expect(parseUri('postgresql://u:p@localhost:5433/db?application_name=x'))
      .toEqual({ user: 'u', password: 'p', host: 'localhost', port: '5433', dbname: 'db', application_name: 'x' });
    const params = resolveConnection({ host: '/sock', port: '1', dbname: 'port=2 dbname=d' }, { PGUSER: 'u' });
    expect(params).toMatchObject({ host: '/sock', port: 2, user: 'u', database: 'd', applicationName: 'psql' });
  });
});

describe('printing', () => {
  const columns = [{ name: 'name', dataTypeID: 25 }, { name: 'n', dataTypeID: 23 }];
  it('aligned: centred headers, numbers on the right, "+" for values that go on, footer and blank line', () => {
    expect(printTable(columns, [['a\nbc', '1'], [null, '22']], { aligned: true, tuplesOnly: false, fieldSeparator: '|', recordSeparator: '\n' }))
      .toBe(' name | n  \n------+----\n a   +|  1\n bc   | \n      | 22\n(2 rows)\n\n');
  });

  it('unaligned: separators, and only a final newline with -t', () => {
    const format = { aligned: false, tuplesOnly: true, fieldSeparator: ',', recordSeparator: '#' };
    expect(printTable(columns, [['x', '1'], ['y', null]], format)).toBe('x,1#y,\n');
  });
});

describe('errors', () => {
  it('shows the line of the error with a caret, cut to 60 columns around it', () => {
    expect(errorPosition('select 1,\n  nosuch\nfrom t', 13)).toBe('LINE 2:   nosuch\n          ^\n');
    const long = `select '${'x'.repeat(80)}', nosuch`;
    expect(errorPosition(long, long.indexOf('nosuch') + 1)).toBe(`LINE 1: ...${'x'.repeat(51)}', nosuch\n${' '.repeat(65)}^\n`);
  });

  it('builds libpq\'s text: CONTEXT for errors only', () => {
    const message = { severity: 'ERROR', message: 'boom', detail: 'd', hint: 'h', where: 'w' };
    expect(serverMessageText(message, undefined, true)).toBe('ERROR:  boom\nDETAIL:  d\nHINT:  h\nCONTEXT:  w\n');
    expect(serverMessageText({ ...message, severity: 'NOTICE' }, undefined, false)).toBe('NOTICE:  boom\nDETAIL:  d\nHINT:  h\n');
  });
});

/** every step of a script, a COPY … FROM STDIN (by its text) taking its data as the run would */
function steps(script: string): ScriptStep[] {
  const reader = new ScriptReader(script);
  const all: ScriptStep[] = [];
  for (let step = reader.next(); step; step = reader.next()) {
    all.push(step);
    if (step.kind === 'sql' && /from stdin/i.test(step.text ?? '')) all.push({ kind: 'meta', source: `data ${JSON.stringify(reader.takeCopyData(step))}`, line: 0 });
  }
  return all;
}

describe('scripts', () => {
  it('sends what psql\'s buffer holds and reports the line where each statement ended', () => {
    const script = '-- lead\n  select 1 -- inner\n  , 2  ;  -- trailing\n/* block */ select 3;select 4\n\n;\n\\echo x\nselect 5\n';
    expect(steps(script).map((s) => (s.kind === 'sql' ? [s.text, s.line] : [s.source, s.line]))).toEqual([
      ['select 1 -- inner\n  , 2  ;', 3],
      ['/* block */ select 3;', 4],
      ['select 4\n;', 6],
      ['\\echo x', 7],
      ['select 5', 8],
    ]);
  });

  it('sends a lone ";" as it is, and a bare \\g with an empty buffer sends the previous query (null here)', () => {
    const script = ';\nselect 1 \\g\nselect 2;\n\\g\n/* c */\n\\g\n';
    expect(steps(script).map((s) => (s.kind === 'sql' ? [s.text, s.terminator, s.line] : s))).toEqual([
      [';', 'semicolon', 1],
      ['select 1', 'g', 2],
      ['select 2;', 'semicolon', 3],
      [null, 'g', 4],
      ['/* c */', 'g', 6],
    ]);
  });

  it('gives a COPY … FROM STDIN the lines after its own up to "\\.", and counts them in the lines after', () => {
    const script = 'copy t from stdin; select 1;\n1\tx\n\\.\nselect 2;\ncopy t from stdin;\nlast\n';
    expect(steps(script).map((s) => (s.kind === 'sql' ? [s.text, s.line] : [s.source]))).toEqual([
      ['copy t from stdin;', 1],
      ['data {"data":"1\\tx\\n","end":36,"lines":2}'],
      ['select 1;', 3],
      ['select 2;', 4],
      ['copy t from stdin;', 5],
      ['data {"data":"last\\n","end":63,"lines":1}'],
    ]);
  });
});

describe('backslash lines', () => {
  const none = new Set<string>();
  it('reads arguments as psql does: quotes, escapes, "…" kept, an unquoted backslash starting the next command', () => {
    const line = `\\echo "a  b" 'it''s\\t\\x41\\101' -n:x\\q extra`;
    const first = metaCommandAt(line, 0, none);
    expect(first.name).toBe('echo');
    expect(first.args).toEqual([{ value: '"a  b"', quoted: true }, { value: "it's\tAA", quoted: true }, { value: '-n:x', quoted: false }]);
    expect(metaCommandAt(line, first.end, none)).toMatchObject({ name: 'q', args: [{ value: 'extra' }], end: line.length });
  });

  it('refuses what it cannot do as psql before the script runs, and lets psql\'s own failures be', () => {
    expect(checkMetaLine('\\gset', none, 'script').refusal).toMatch(/^\\gset is not supported by this psql/);
    expect(checkMetaLine('\\g out.txt', none, 'script').refusal).toMatch(/^\\g with an argument is not supported/);
    expect(checkMetaLine('\\echo `date`', none, 'script').refusal).toMatch(/shell command in a backslash command/);
    expect(checkMetaLine('\\echo :DBNAME :x :other', new Set(['x']), 'script').refusal).toMatch(/variable :DBNAME/);
    expect(checkMetaLine('\\echo a \\\\ select 1', none, 'script').refusal).toMatch(/separator/);
    expect(checkMetaLine('\\foo \\gset', none, 'script')).toEqual({ quits: false });
    expect(checkMetaLine('\\echo bye \\q', none, 'script')).toEqual({ quits: true });
    expect(checkMetaLine('\\g', none, 'command')).toEqual({ quits: false });
    expect(checkMetaLine('\\echo a \\gset', none, 'command')).toEqual({ quits: false });
  });
});

describe('COPY … FROM STDIN as psql 15 tells it by its words (its data lines are read even when it fails)', () => {
  it('the first word COPY, and FROM STDIN or STDOUT outside parentheses, quotes and comments', () => {
    const yes = ['copy t from stdin', '/* c */ COPY t (a) FROM STDIN', 'copy from stdin', 'copy t from stdout',
      'copy t,from stdin', "copy t to 'x' from stdin", 'copy t from -- c\n stdin', 'copy (select 1) from stdin'];
    const no = ['copy (select 1 from stdin) to stdout', 'select 1 from stdin', 'copy t from stdin2', 'copy "from" stdin',
      "copy t from 'stdin'", 'copy t from "stdin"', '(copy t from stdin)', 'copy t to stdout'];
    expect(yes.filter((s) => !isCopyFromStdin(s))).toEqual([]);
    expect(no.filter((s) => isCopyFromStdin(s))).toEqual([]);
    expect(copiesFromStdin('select 1; copy a from stdin; copy b from stdin')).toBe(2);
  });
});

describe('psql variables in a script\'s SQL', () => {
  it('finds a reference to one psql or -v set, not a cast, a quoted colon or a name nobody set', () => {
    const set = new Set(['x']);
    expect(setVariableInSql('select :x, 1', set)).toBe(':x');
    expect(setVariableInSql("select :'DBNAME'", set)).toBe(":'DBNAME'");
    expect(setVariableInSql("select 1::int, ':x', \"a:x\", :nosuch, '12:30'::time -- :x", set)).toBeUndefined();
  });
});

describe('COPY data', () => {
  it('ends at a "\\." line (not sent) or the end, a last line without newline sent as it is', () => {
    expect(copyDataAt('x\n1\n\\.\nafter', 2)).toEqual({ data: '1\n', end: 7, lines: 2 });
    expect(copyDataAt('1\n\\.', 0)).toEqual({ data: '1\n\\.', end: 4, lines: 1 });
    expect(copyDataAt('', 0)).toEqual({ data: '', end: 0, lines: 0 });
  });
});

describe('timing', () => {
  it('prints milliseconds, and from one second on the duration spelled out', () => {
    expect(timingText(0.4123)).toBe('Time: 0.412 ms\n');
    expect(timingText(61_234.5)).toBe('Time: 61234.500 ms (01:01.234)\n');
    expect(timingText(3_723_000)).toBe('Time: 3723000.000 ms (01:02:03.000)\n');
  });
});
