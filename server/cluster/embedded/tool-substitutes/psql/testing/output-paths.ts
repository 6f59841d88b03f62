// Every output path of psql 15 that this psql takes on, compared the same way as edge-cases.ts, in its own database:
// COPY … TO STDOUT and FROM STDIN (data in a script, a -f file, on stdin for -c; ended by "\." or the end; a COPY that
// fails before its data), \g (a bare one ends a statement or sends the previous query again), the echo commands,
// \timing and \q with their arguments, LISTEN's notifications. The paths it refuses are in psql-refuses.test.ts.
import type { EdgeCase } from './edge-cases';

const TABLE = 'CREATE TABLE IF NOT EXISTS copy_t (a int, b text);\n';

const COPY_IN = `${TABLE}COPY copy_t FROM STDIN;\n1\tone\n2\t\\N\n\\.\nSELECT * FROM copy_t ORDER BY a;\n`;
const COPY_IN_BAD = `${TABLE}SELECT 1 AS before;\nCOPY copy_t FROM STDIN;\n3\tok\nnot a number\n\\.\nSELECT 2 AS after;\n`;
const COPY_FAILS_EARLY = 'COPY no_such_table FROM STDIN;\n1\tx\n\\.\nselect nosuch;\nCOPY FROM STDIN;\nSELECT 3 AS eaten;\n'
  + '\\.\n\\g\nSELECT 4 AS also_eaten;\n\\.\nSELECT 5 AS runs;\n';
const COPY_OUT = 'COPY (SELECT g, \'v \' || g, NULL FROM generate_series(1, 3) g) TO STDOUT;\nSELECT 1 AS after;\n'
  + 'COPY (SELECT 1 AS x, \'q,"r\' AS y) TO STDOUT WITH (FORMAT csv, HEADER);\n'
  + 'COPY (SELECT 1/(2 - g) FROM generate_series(1, 3) g) TO STDOUT;\n';
const G = 'SELECT 1 AS a \\g\nSELECT 2 AS b;\n\\g\n;\nSELECT nosuch;\n\\g\n/* only a comment */\n\\g\nSELECT 3 AS c\n  \\g  \n';
const ECHO = [
  '\\echo "a  b" c x"y z"w',
  '\\echo -n no-newline',
  "\\echo '-n' quoted",
  '\\echo y -n',
  "\\echo 'tab\\there' 'it''s' E'z' '\\x41\\101'",
  '\\echo :nosuch :\'nosuch\' 12:30',
  '\\echo a\\echo b',
  '\\qecho -n q',
  '\\qecho',
  '\\warn to stderr',
  '\\foo x \\echo dropped',
  '\\timing on x',
  '\\timing maybe \\echo dropped',
  '\\timing off',
  '\\q extra',
  'SELECT 1;',
].join('\n');

export const PATH_FILES: Record<string, string> = {
  'copy-in.sql': COPY_IN,
  'copy-in-bad.sql': COPY_IN_BAD,
  'copy-fails-early.sql': COPY_FAILS_EARLY,
  'copy-out.sql': COPY_OUT,
  'copy-no-end.sql': `${TABLE}COPY copy_t FROM STDIN;\n10\tno end marker\n`,
  'copy-corrupt-end.sql': `${TABLE}COPY copy_t FROM STDIN;\n11\tmarker without newline\n\\.`,
  'g.sql': G,
  'echo.sql': ECHO,
};

export const PATH_CASES: EdgeCase[] = [
  // COPY … TO STDOUT: the rows, no "COPY n" after them, whatever the output format
  { args: [], stdin: COPY_OUT },
  { args: ['-f', '@file:copy-out.sql'] },
  { args: ['-c', "copy (select 1, 'a b', null, E'tab\\there') to stdout"] },
  { args: ['-At', '-c', 'copy (select 1 as x) to stdout with (format csv, header)'] },
  { args: ['-q', '-c', 'copy (select 1) to stdout; select 2 as b'] },
  { args: ['-c', 'copy (select 1::int2, 2::int4) to stdout with (format binary)'] },
  { args: ['-c', 'copy (select 1 where false) to stdout'] },
  { args: [], stdin: '\\timing on\nCOPY (SELECT 1) TO STDOUT;\n\\timing off\n' },
  // COPY … FROM STDIN: the lines after it in the script, or stdin for a -c
  { args: [], stdin: COPY_IN },
  { args: ['-f', '@file:copy-in.sql'] },
  { args: ['-f', '-'], stdin: COPY_IN },
  { args: ['-f', '@file:copy-in-bad.sql'] },
  { args: ['-v', 'ON_ERROR_STOP=1', '-f', '@file:copy-in-bad.sql'] },
  { args: [], stdin: COPY_IN_BAD },
  { args: ['-f', '@file:copy-no-end.sql'] },
  { args: ['-f', '@file:copy-corrupt-end.sql'] },
  { args: [], stdin: `${TABLE}COPY copy_t FROM STDIN; SELECT 'same line' AS after;\r\n20\tcrlf\r\n\\.\r\nSELECT 2;\n` },
  { args: [], stdin: `${TABLE}COPY copy_t FROM STDIN (FORMAT csv, HEADER);\na,b\n21,"two\nlines"\n\\.\nSELECT b FROM copy_t WHERE a = 21;\n` },
  { args: ['-c', 'copy copy_t from stdin', '-c', 'select count(*) from copy_t'], stdin: '30\tfrom stdin\n31\t\\N\n' },
  { args: ['-c', 'copy copy_t from stdin; copy copy_t from stdin'], stdin: '32\tfirst\n\\.\n33\tsecond\n\\.\n' },
  { args: ['-c', 'copy copy_t from stdin', '-f', '-'], stdin: '34\tcopy\n\\.\nSELECT count(*) FROM copy_t;\n' },
  { args: ['-c', 'copy copy_t from stdin'], stdin: '' },
  { args: ['-c', 'copy copy_t from stdin'], stdin: 'not a number\n' },
  { args: [], stdin: 'COPY copy_t FROM STDOUT;\n40\tfrom stdout is stdin\n\\.\n' },
  // a COPY … FROM STDIN that fails before its data: psql reads the data and drops it
  { args: [], stdin: COPY_FAILS_EARLY },
  { args: ['-f', '@file:copy-fails-early.sql'] },
  { args: ['-c', 'copy no_such_table from stdin', '-f', '-'], stdin: 'x\n\\.\nSELECT 3;\n' },
  { args: ['-c', 'select 1/0; copy copy_t from stdin', '-f', '-'], stdin: 'x\n\\.\nSELECT 3;\n' },
  { args: ['-c', 'copy copy_t from stdin; copy no_such_table from stdin', '-f', '-'], stdin: 'x\n\\.\nSELECT 3;\n\\.\nSELECT 4;\n' },
  { args: [], stdin: 'COPY (SELECT 1 FROM stdin) TO STDOUT;\nSELECT 3 AS not_data;\n' },
  { args: [], stdin: 'COPY no_such_table FROM \'/nonexistent\';\nSELECT 3 AS not_data;\n' },
  // \g: ends a statement; alone it sends the previous query again (or the empty buffer, or a comment kept in it)
  { args: [], stdin: G },
  { args: ['-f', '@file:g.sql'] },
  { args: [], stdin: '\\timing on\n;\nSELECT 1;;\n\\g\n' },
  { args: [], stdin: 'COPY copy_t FROM STDIN \\g\n50\tafter g\n\\.\nCOPY (SELECT 7) TO STDOUT;\n\\g\n' },
  { args: ['-c', '\\g'] },
  { args: ['-c', 'select 1 as a \\gset'] },
  { args: ['-c', 'select 1 as a \\g'] },
  // the echo commands, \timing and \q: psql's argument rules, extra arguments, a failing command drops its line
  { args: [], stdin: ECHO },
  { args: ['-f', '@file:echo.sql'] },
  { args: ['-c', '\\echo a \\echo b'] },
  { args: ['-c', '\\echo a\nb'] },
  { args: ['-c', "\\echo 'x\ny' z"] },
  { args: ['-c', '\\qecho -n x'] },
  { args: ['-c', '\\warn w'] },
  { args: ['-c', '\\timing on x'] },
  { args: ['-c', '\\q extra'] },
  { args: ['-c', '\\bind'] },
  { args: ['-v', 'x=1', '-c', 'select 1 as ":x"'] },
  // notifications after the query they came with (the PIDs differ: compared as "PID N")
  { args: ['-c', 'listen c', '-c', "notify c, 'payload'", '-c', 'notify c', '-c', 'select 1'] },
  { args: [], stdin: '\\timing on\nLISTEN d;\nNOTIFY d;\nSELECT 2;\n' },
  { args: ['-c', 'listen e; notify e; notify e, $$x$$; select 1'] },
];
