// A PDF's text as a reader's search finds it, by pdftotext (poppler-utils): the handout's table of contents is built
// with it, and the export tests check with it that nothing a block recorded is missing from a PDF.
import { execFileSync } from 'node:child_process';
import type { RunResponse } from '../../shared/types';

/**
 * Each page's text, lines matching `drop` (a running footer) left out; undefined where pdftotext is not installed.
 * `layout`: each printed line as one line (a document's aligned columns, which pdftotext's reading order would take
 * apart); without it, side-by-side boxes (a slide's two blocks) are read one after the other.
 */
export function pdfPages(file: string, options: { drop?: RegExp; layout?: boolean } = {}): string[] | undefined {
  const { drop, layout } = options;
  try {
    const text = execFileSync('pdftotext', [...(layout ? ['-layout'] : []), file, '-'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 64 << 20 });
    return text.split('\f').slice(0, -1).map((page) => page.split('\n').filter((line) => !drop?.test(line.trim())).join('\n'));
  } catch {
    return undefined;
  }
}

/**
 * Text to compare with what pdftotext read: without blanks, nor hyphens (it joins a word hyphenated at a line's end),
 * quotes straight (Slidev's Markdown curls them).
 */
export const compact = (text: string) => text.replace(/[\s\-\u00ad]+/g, '').replace(/[‘’]/g, "'").replace(/[“”]/g, '"');

/**
 * What a reader must find of a recorded result, in order: sections, each a few lists searched in order from where the
 * section starts (the next section starts after the last found). A shell run: its output's lines. A SQL result: its
 * column names, and its values row by row (psql's aligned layout puts names before values, its expanded one beside
 * them); then its notices and error.
 */
export function recordedFragments(result: RunResponse): string[][][] {
  const lines = (text: string) => text.split('\n').filter((l) => compact(l) !== '');
  if (result.kind === 'shell') return [[[...lines(result.stdout), ...lines(result.stderr)]]];
  return [
    ...result.results.map((r) => [r.fields.map((f) => f.name), r.rows.flatMap((row) => row.flatMap((v) => (v === null ? [] : lines(v))))]),
    [[...result.notices.flatMap(lines), ...(result.error ? lines(result.error.message) : [])]],
  ];
}

/** The fragments the (compacted) text does not hold in order from `from`, and where the last one found ends. */
export function missingInOrder(text: string, sections: string[][][], from = 0): { missing: string[]; end: number } {
  const missing: string[] = [];
  let start = from;
  for (const lists of sections) {
    let end = start;
    for (const list of lists) {
      let at = start;
      for (const fragment of list) {
        const found = text.indexOf(compact(fragment), at);
        if (found < 0) missing.push(fragment);
        else at = found + compact(fragment).length;
      }
      end = Math.max(end, at);
    }
    start = end;
  }
  return { missing, end: start };
}
