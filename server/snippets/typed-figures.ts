// Finds figures in the deck's prose (slides and presenter notes) that look measured: a number with a unit of time, size,
// rows or a percentage. The deck's rule is that such a figure comes from a run — a <RunFigure>, or the run's own output —
// or is advice that an allowlist names with its reason. Code (fenced blocks and `spans`) is what runs, not prose.

export interface TypedFigure {
  file: string;
  line: number;
  /** the figure as written, e.g. "8.2 s" */
  figure: string;
  /** the line it is on, trimmed */
  text: string;
}

/** A figure the deck may state without a run, and why (a default from PostgreSQL's documentation, advice, arithmetic…). */
export interface AdviceFigure {
  file: string;
  /** words around the figure as they appear in the file (line breaks and runs of spaces match any whitespace) */
  context: string;
  why: string;
}

const UNITS = [
  'rows?/s', 'inserts?/s', 'kB/s', 'MB/s', 'GB/s', 'Gbps', 'Mbps', 'tps',
  'ms', 'secs?', 'seconds?', 'mins?', 'minutes?', 'hrs?', 'hours?', 'days?', 's', 'h',
  'bytes', 'B', 'kB', 'KB', 'MB', 'GB', 'TB', 'KiB', 'MiB', 'GiB',
  'rows?', 'inserts?', '%', '×',
];
// "8.2 s", "1,000,000 rows", "~7 s", "23%", "10K inserts", "10M-row", "128 kB"; not "$10K", "v15", "ORD-2025-001"
const FIGURE = new RegExp(
  String.raw`(?<![\w.$/])~?\d+(?:[.,]\d+)*(?:\s?[KM](?=[ -]?(?:rows?|inserts?)\b))?(?:[ \t]*|-)(?:${UNITS.join('|')})(?![\w/])`,
  'g',
);

const blank = (text: string) => text.replace(/[^\n]/g, ' ');

/**
 * The prose of a Markdown slide file, same length and line breaks as the input: fenced code, inline code, <RunFigure>
 * and other tags are blanked out; presenter notes (HTML comments) stay, since a speaker repeats them.
 */
export function proseOf(markdown: string): string {
  return markdown
    .replace(/^(`{3,}|~{3,})[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, blank)
    .replace(/<RunFigure\b[^>]*?\/>|<RunFigure\b[\s\S]*?<\/RunFigure>/g, blank)
    .replace(/(`+)(?:(?!\1)[\s\S])+?\1|<code\b[^>]*>[\s\S]*?<\/code>/g, blank)
    .replace(/<!--|-->/g, blank)
    .replace(/<\/?[A-Za-z][^>]*>/g, blank)
    .replace(/&(?:nbsp|#8239|#160|thinsp);/g, (entity) => ' '.padEnd(entity.length));
}

/** Every measured-looking figure in `prose` that no entry of `allowed` (for this file) covers. */
export function findTypedFigures(file: string, prose: string, allowed: readonly AdviceFigure[] = []): TypedFigure[] {
  const covered = allowed.filter((a) => a.file === file).flatMap((a) => coverage(prose, a));
  const lineStarts = [0, ...[...prose.matchAll(/\n/g)].map((m) => m.index + 1)];
  const found: TypedFigure[] = [];
  for (const match of prose.matchAll(FIGURE)) {
    const start = match.index;
    const end = start + match[0].length;
    if (covered.some(([a, b]) => a <= start && end <= b)) continue;
    const line = lineStarts.findLastIndex((s) => s <= start);
    const lineEnd = prose.indexOf('\n', start);
    found.push({
      file,
      line: line + 1,
      figure: match[0].replace(/\s+/g, ' '),
      text: prose.slice(lineStarts[line], lineEnd < 0 ? undefined : lineEnd).trim().replace(/\s+/g, ' '),
    });
  }
  return found;
}

/** The ranges of `prose` an allowlist entry covers (each place its context appears). */
export function coverage(prose: string, entry: AdviceFigure): [number, number][] {
  const words = entry.context.trim().split(/\s+/).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return [...prose.matchAll(new RegExp(words.join(String.raw`\s+`), 'g'))].map((m) => [m.index, m.index + m[0].length]);
}
