import { describe, expect, it } from 'vitest';
import { parseMetaArgs, splitScript, type ScriptItem } from './split-script';

const sqlTexts = (items: ScriptItem[]) => items.filter((i) => i.kind === 'sql').map((i) => i.text);

describe('splitScript', () => {
  it('splits on semicolons and keeps each statement offset in the whole text', () => {
    const script = 'SELECT 1;\n  SELECT 2 ;\nSELECT 3';
    const items = splitScript(script);
    expect(items).toEqual([
      { kind: 'sql', text: 'SELECT 1', offset: 0 },
      { kind: 'sql', text: 'SELECT 2', offset: 12 },
      { kind: 'sql', text: 'SELECT 3', offset: 23 },
    ]);
    for (const item of items) {
      if (item.kind === 'sql') expect(script.slice(item.offset, item.offset + item.text.length)).toBe(item.text);
    }
  });

  it('does not split inside quotes, identifiers, dollar quotes, comments or parentheses', () => {
    const script = [
      "SELECT 'a;b', \"x;y\", E'it\\'s; fine';",
      'DO $body$ BEGIN RAISE NOTICE $$x;y$$; END $body$;',
      'SELECT /* a; /* nested; */ still; */ 1;',
      'SELECT 2 -- trailing; comment\n;',
      'CREATE RULE r AS ON INSERT TO t DO INSTEAD (SELECT 1; SELECT 2);',
      "SELECT 'it''s; quoted'",
    ].join('\n');
    expect(sqlTexts(splitScript(script))).toEqual([
      "SELECT 'a;b', \"x;y\", E'it\\'s; fine'",
      'DO $body$ BEGIN RAISE NOTICE $$x;y$$; END $body$',
      'SELECT /* a; /* nested; */ still; */ 1',
      'SELECT 2 -- trailing; comment',
      'CREATE RULE r AS ON INSERT TO t DO INSTEAD (SELECT 1; SELECT 2)',
      "SELECT 'it''s; quoted'",
    ]);
  });

  it("treats a backslash as an escape only in E'' strings", () => {
    // in a standard string the backslash is a plain character, so the quote after it closes the string
    expect(sqlTexts(splitScript("SELECT 'a\\'; SELECT 2"))).toEqual(["SELECT 'a\\'", 'SELECT 2']);
    expect(sqlTexts(splitScript("SELECT e'a\\'; b'; SELECT 2"))).toEqual(["SELECT e'a\\'; b'", 'SELECT 2']);
    // "some'…'" is an identifier followed by a string, not an E string
    expect(sqlTexts(splitScript("SELECT 1 AS some, 'x\\'; SELECT 2"))).toEqual(["SELECT 1 AS some, 'x\\'", 'SELECT 2']);
  });

  it('does not take $1 or a$b$ for dollar quotes', () => {
    expect(sqlTexts(splitScript('PREPARE p AS SELECT $1; SELECT a$b$ FROM t; SELECT 3'))).toEqual([
      'PREPARE p AS SELECT $1', 'SELECT a$b$ FROM t', 'SELECT 3',
    ]);
  });

  it('drops comment-only and empty statements', () => {
    expect(splitScript('-- just a comment\n;;  /* and another */ ')).toEqual([]);
    expect(splitScript('-- leading comment\nSELECT 1')).toEqual([{ kind: 'sql', text: 'SELECT 1', offset: 19 }]);
  });

  it('reads meta-commands in order with the statements around them', () => {
    const script = "CREATE TABLE t(a int);\n\\timing on\nINSERT INTO t VALUES (1);\n\\echo 'done: it''s ok' now\n";
    expect(splitScript(script)).toEqual([
      { kind: 'sql', text: 'CREATE TABLE t(a int)', offset: 0 },
      { kind: 'meta', name: 'timing', args: ['on'], offset: 23 },
      { kind: 'sql', text: 'INSERT INTO t VALUES (1)', offset: 34 },
      { kind: 'meta', name: 'echo', args: ["done: it's ok", 'now'], offset: 60 },
    ]);
  });

  it('runs a meta-command met inside a statement first and blanks it out of the statement', () => {
    const script = 'SELECT 1,\n\\timing on\n2;';
    const items = splitScript(script);
    expect(items[0]).toEqual({ kind: 'meta', name: 'timing', args: ['on'], offset: 10 });
    expect(items[1]).toEqual({ kind: 'sql', text: 'SELECT 1,\n          \n2', offset: 0 });
  });

  it('ends a statement at \\g', () => {
    expect(splitScript('SELECT 1 \\g\nSELECT 2')).toEqual([
      { kind: 'sql', text: 'SELECT 1', offset: 0 },
      { kind: 'sql', text: 'SELECT 2', offset: 12 },
    ]);
  });

  it('keeps an unterminated quote as one statement for the server to reject', () => {
    expect(sqlTexts(splitScript("SELECT 'oops; SELECT 2"))).toEqual(["SELECT 'oops; SELECT 2"]);
  });
});

describe('parseMetaArgs', () => {
  it('splits words and unquotes single quotes', () => {
    expect(parseMetaArgs(" hello  'two words' a'b'c 'line\\nbreak'")).toEqual(['hello', 'two words', 'abc', 'line\nbreak']);
    expect(parseMetaArgs('')).toEqual([]);
  });
});
