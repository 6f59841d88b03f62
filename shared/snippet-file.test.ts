import { describe, expect, it } from 'vitest';
import { isDemoError } from './errors';
import { DEFAULT_TIMEOUT_MS, parseSnippet, parseSnippetFile, snippetIdFromPath } from './snippet-file';

const sqlFile = (header: string, body = 'SELECT 1;') => `${header}\n\n${body}\n`;

function parseError(run: () => unknown): string {
  try {
    run();
  } catch (err) {
    expect(isDemoError(err)).toBe(true);
    return (err as Error).message;
  }
  throw new Error('expected a parse error');
}

describe('parseSnippet', () => {
  it('reads every header key and keeps the body exactly, without the header', () => {
    const body = 'SELECT \n    1 AS one;  -- trailing spaces stay\n\n\\echo done';
    const snippet = parseSnippet('demo1/01-healthy-state', 'sql', sqlFile(
      '-- title: Show current healthy state\n-- node: postgres-primary\n-- step: 1\n-- timeout: 90s\n-- note: why: it differs',
      body,
    ));
    expect(snippet).toEqual({
      id: 'demo1/01-healthy-state',
      kind: 'sql',
      node: 'postgres-primary',
      title: 'Show current healthy state',
      step: 1,
      timeoutMs: 90_000,
      note: 'why: it differs',
      text: body,
    });
  });

  it('applies the default timeouts and accepts ms and m', () => {
    expect(parseSnippet('demo1/01-a', 'sql', sqlFile('-- title: t\n-- node: postgres-standby')).timeoutMs)
      .toBe(DEFAULT_TIMEOUT_MS.sql);
    expect(parseSnippet('demo1/02-b', 'shell', '# title: t\n\ndocker pause postgres-standby\n').timeoutMs)
      .toBe(DEFAULT_TIMEOUT_MS.shell);
    expect(parseSnippet('demo1/03-c', 'shell', '# title: t\n# timeout: 2m\n\necho hi').timeoutMs).toBe(120_000);
    expect(parseSnippet('demo1/04-d', 'shell', '# title: t\n# timeout: 1500ms\n\necho hi').timeoutMs).toBe(1500);
  });

  it('keeps shell comments of the body that look like "# WORD: text" after the blank line', () => {
    const snippet = parseSnippet('demo1/06-verify', 'shell', '# title: Verify\n# step: 6\n\n# PRIMARY: Count rows\necho 1\n');
    expect(snippet.text).toBe('# PRIMARY: Count rows\necho 1');
    expect(snippet.node).toBeUndefined();
  });

  it('accepts Windows line endings', () => {
    const snippet = parseSnippet('demo1/01-a', 'sql', '-- title: T\r\n-- node: postgres-primary\r\n\r\nSELECT 1;\r\n');
    expect(snippet.title).toBe('T');
    expect(snippet.text).toBe('SELECT 1;');
  });

  it.each([
    ['an unknown key', sqlFile('-- title: t\n-- node: postgres-primary\n-- colour: red'), /demo1\/01-x.*unknown header key "colour"/],
    ['a missing title', sqlFile('-- node: postgres-primary'), /demo1\/01-x.*title is required/],
    ['a SQL snippet without node', sqlFile('-- title: t'), /demo1\/01-x.*SQL snippets need a node/],
    ['an unknown node', sqlFile('-- title: t\n-- node: postgres-replica'), /unknown node "postgres-replica"/],
    ['a header line without key', sqlFile('-- title: t\n-- node: postgres-primary\n-- just a comment'), /line 3 .*not a header line/],
    ['no blank line before the body', '-- title: t\n-- node: postgres-primary\nSELECT 1;', /line 3 "SELECT 1;" is not a header line/],
    ['no header at all', 'SELECT 1;\n', /no header/],
    ['a header without body', '-- title: t\n-- node: postgres-primary\n', /no body|body is empty/],
    ['a repeated key', sqlFile('-- title: t\n-- title: u\n-- node: postgres-primary'), /"title" appears twice/],
    ['a bad step', sqlFile('-- title: t\n-- node: postgres-primary\n-- step: two'), /step "two"/],
    ['a bad timeout', sqlFile('-- title: t\n-- node: postgres-primary\n-- timeout: soon'), /timeout "soon"/],
    ['a zero timeout', sqlFile('-- title: t\n-- node: postgres-primary\n-- timeout: 0s'), /between 1 ms and 15 m/],
    ['a header line in the body', sqlFile('-- title: t\n-- node: postgres-primary', '-- note: late\nSELECT 1;'), /header line "-- note: late" in the body/],
  ])('rejects %s with a message naming the snippet', (_case, text, message) => {
    expect(parseError(() => parseSnippet('demo1/01-x', 'sql', text))).toMatch(message);
  });

  it('rejects a node on a shell snippet and a shell header marker on a SQL file', () => {
    expect(parseError(() => parseSnippet('demo1/02-x', 'shell', '# title: t\n# node: postgres-primary\n\necho')))
      .toMatch(/node is for SQL snippets only/);
    expect(parseError(() => parseSnippet('demo1/01-x', 'sql', '# title: t\n\nSELECT 1;'))).toMatch(/no header: the file must start with "-- title/);
  });

  it('rejects ids outside the demoN/NN-name pattern', () => {
    expect(parseError(() => parseSnippet('demo9/01-x', 'sql', sqlFile('-- title: t\n-- node: postgres-primary'))))
      .toMatch(/demo1\/01-name/);
  });
});

describe('snippet file names', () => {
  it('maps paths (as the deck\'s import.meta.glob gives them) to ids and kinds', () => {
    expect(snippetIdFromPath('/snippets/demo1/01-healthy-state.sql')).toEqual({ id: 'demo1/01-healthy-state', kind: 'sql' });
    expect(snippetIdFromPath('demo4/07a-kill-blocking-queries.sh')).toEqual({ id: 'demo4/07a-kill-blocking-queries', kind: 'shell' });
    expect(parseSnippetFile('/snippets/demo2/05-load.sh', '# title: Load\n\necho x').kind).toBe('shell');
  });

  it.each(['demo1/1-short.sql', 'demo1/01-Upper.sql', 'demo1/01-x.txt', 'demo0/01-x.sql', 'demo1/sub/01-x.sql', 'notes.sql'])(
    'rejects %s', (path) => {
      expect(parseError(() => snippetIdFromPath(path))).toMatch(/not a snippet file name/);
    },
  );
});
