// The substitute psql's pure pieces, with what the real psql 15 was seen to do (psql-matches-real.test.ts checks the
// whole program against it where one is installed; these run everywhere, also where only Node is).
import { describe, expect, it } from 'vitest';
import { parseKeywordValue, parseUri, resolveConnection } from './conninfo';
import { errorPosition, serverMessageText } from './error-text';
import { parseBool, parseOptions, UnsupportedOption, UsageError } from './options';
import { printTable } from './print-table';
import { scriptSteps } from './script';
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

describe('scripts', () => {
  it('sends what psql\'s buffer holds and reports the line where each statement ended', () => {
    const script = '-- lead\n  select 1 -- inner\n  , 2  ;  -- trailing\n/* block */ select 3;select 4\n\n;\n\\echo x\nselect 5\n';
    expect(scriptSteps(script).map((s) => (s.kind === 'sql' ? [s.text, s.line] : [`\\${s.meta.name}`, s.line]))).toEqual([
      ['select 1 -- inner\n  , 2  ;', 3],
      ['/* block */ select 3;', 4],
      ['select 4\n;', 6],
      ['\\echo', 7],
      ['select 5', 8],
    ]);
  });
});

describe('timing', () => {
  it('prints milliseconds, and from one second on the duration spelled out', () => {
    expect(timingText(0.4123)).toBe('Time: 0.412 ms\n');
    expect(timingText(61_234.5)).toBe('Time: 61234.500 ms (01:01.234)\n');
    expect(timingText(3_723_000)).toBe('Time: 3723000.000 ms (01:02:03.000)\n');
  });
});
