// No hand-typed measurement in what the deck teaches: every measured-looking figure on a slide, in a presenter note, or in
// a snippet's title or note comes from a run (<RunFigure>, the run's output) or is advice named in advice-figures.ts.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { ADVICE_FIGURES } from './advice-figures';
import { loadSnippets } from './load';
import { coverage, findTypedFigures, proseOf, type TypedFigure } from './typed-figures';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

const figuresIn = (markdown: string) => findTypedFigures('planted.md', proseOf(markdown)).map((f) => f.figure);
const report = (found: TypedFigure[]) => found.map((f) => `${f.file}:${f.line} "${f.figure}" in: ${f.text}`);

describe('finding typed figures', () => {
  it('flags a number with a unit of time, size, rows or percent, on the slide and in the notes', () => {
    const slide = [
      '# Step 5 · Promote standby',
      '',
      'Promotion took 0.13 s, then 1,000,000 rows in 8.2 seconds.',
      '',
      '<!--',
      '"Peak lag was 43 MB, caught up ~7 s later: 121951 rows/s, 28.5 MB/s, only 23% of the link; a 10M-row UPDATE;',
      '10K inserts per batch, 128 kB messages, 2 minutes, 1 hour, 50 ms."',
      '-->',
    ].join('\n');
    expect(figuresIn(slide)).toEqual([
      '0.13 s', '1,000,000 rows', '8.2 seconds', '43 MB', '~7 s', '121951 rows/s', '28.5 MB/s', '23%', '10M-row',
      '10K inserts', '128 kB', '2 minutes', '1 hour', '50 ms',
    ]);
  });

  it('says where: the file, the line and the line\'s text', () => {
    const found = findTypedFigures('pages/demo9.md', proseOf('# Title\n\n<!--\nPromotion took 2 seconds.\n-->\n'));
    expect(found).toEqual([{ file: 'pages/demo9.md', line: 4, figure: '2 seconds', text: 'Promotion took 2 seconds.' }]);
  });

  it('leaves out code, figures quoted from a run and markup', () => {
    const slide = [
      '```sql',
      'SELECT pg_sleep(5); -- 5 s, 234 MB',
      '```',
      'The seed waits with `SELECT pg_sleep(5)` and `interval \'1 minute\'`, <code>5 s</code> in HTML.',
      'Promotion: <RunFigure snippet="demo6/05-promote-standby" pattern="Failover completed in: (.+)" unit="s" />.',
      '<RunBlock id="demo2/05-sustained-load" code-height="15rem" result-height="10rem" />',
    ].join('\n');
    expect(figuresIn(slide)).toEqual([]);
  });

  it('does not take step numbers, versions, names, counts or money for measurements', () => {
    expect(figuresIn(
      'Step 5 · Demo 2 on timeline 2 with ANY 1 (a, b): 5 steps, ORD-2025-001, PostgreSQL 15, practice 2–3 times, '
      + 'order $599.99 at $10K a minute, 3 or 5 etcd nodes, 32 values, v15.',
    )).toEqual([]);
  });

  it('sees through non-breaking spaces', () => {
    expect(figuresIn('a 1&nbsp;Gbps link, 2&#8239;s')).toEqual(['1 Gbps', '2 s']);
  });

  it('lets an allowlisted figure through only inside its context', () => {
    const prose = proseOf('<!--\nThe delay (default 30 s) is a budget.\nIt waited 30 s.\n-->');
    const allowed = [{ file: 'pages/x.md', context: '(default\n30 s)', why: "the parameter's documented default" }];
    expect(findTypedFigures('pages/x.md', prose, allowed).map((f) => f.text)).toEqual(['It waited 30 s.']);
    expect(findTypedFigures('pages/other.md', prose, allowed)).toHaveLength(2);
  });
});

describe('the deck', () => {
  let prose: Map<string, string>;

  beforeAll(async () => {
    prose = new Map();
    const pages = (await readdir(join(ROOT, 'pages'))).filter((f) => f.endsWith('.md')).map((f) => `pages/${f}`);
    for (const file of ['slides.md', ...pages]) prose.set(file, proseOf(await readFile(join(ROOT, file), 'utf8')));
    // a snippet's title is on its slide and its note in the '≠ seed' tooltip
    for (const snippet of (await loadSnippets()).values()) {
      prose.set(`snippets/${snippet.id}`, proseOf(`${snippet.title}\n${snippet.note ?? ''}`));
    }
    expect(prose.size).toBeGreaterThan(50);
  });

  it('types no measured-looking figure by hand: each comes from a run or is listed advice', () => {
    const typed = [...prose].flatMap(([file, text]) => findTypedFigures(file, text, ADVICE_FIGURES));
    expect(report(typed)).toEqual([]);
  });

  it('fails on a typed figure planted into a real slide', () => {
    const demo3 = prose.get('pages/demo3.md')!;
    const planted = `${demo3}\n<!--\n"Promotion took 0.2 s, as always."\n-->\n`;
    expect(findTypedFigures('pages/demo3.md', planted, ADVICE_FIGURES).map((f) => f.figure)).toEqual(['0.2 s']);
  });

  it('allowlists only figures that are still there, each with its reason', () => {
    for (const entry of ADVICE_FIGURES) {
      const label = `${entry.file}: "${entry.context}"`;
      expect(prose.has(entry.file), label).toBe(true);
      expect(entry.why.length, label).toBeGreaterThan(15);
      const text = prose.get(entry.file)!;
      const ranges = coverage(text, entry);
      expect(ranges.length, `${label} is not in the file any more`).toBeGreaterThan(0);
      const figures = ranges.flatMap(([a, b]) => findTypedFigures(entry.file, text.slice(a, b)));
      expect(figures.length, `${label} covers no measured-looking figure`).toBeGreaterThan(0);
    }
  });
});
