// A long snippet on a slide shows the lines that matter: `focus="12-20,31-33"` (1-based, inclusive) keeps those lines
// and folds every other run of lines into one row that opens on click. Pure, so it is tested without a browser.

export interface CodeSegment { from: number; to: number; folded: boolean }

/** "12-20, 31" → [[12, 20], [31, 31]]; throws on anything else, so a typo in a slide fails loudly. */
export function parseFocus(focus: string, lineCount: number): [number, number][] {
  return focus.split(',').map((part) => part.trim()).filter(Boolean).map((part) => {
    const m = /^(\d+)(?:-(\d+))?$/.exec(part);
    const from = Number(m?.[1]);
    const to = Number(m?.[2] ?? m?.[1]);
    if (!m || from < 1 || to < from || to > lineCount) {
      throw new Error(`focus "${focus}": "${part}" is not a line range within 1-${lineCount} (like 5-12)`);
    }
    return [from, to];
  });
}

/** The lines 1…lineCount as shown and folded runs; without focus, one shown run. Folds shorter than 2 lines show. */
export function codeSegments(lineCount: number, focus?: string): CodeSegment[] {
  if (!focus) return lineCount ? [{ from: 1, to: lineCount, folded: false }] : [];
  const shown = new Set<number>();
  for (const [from, to] of parseFocus(focus, lineCount)) for (let l = from; l <= to; l++) shown.add(l);
  const segments: CodeSegment[] = [];
  for (let line = 1; line <= lineCount; line++) {
    const folded = !shown.has(line);
    const last = segments.at(-1);
    if (last && last.folded === folded) last.to = line;
    else segments.push({ from: line, to: line, folded });
  }
  // folding a single line saves nothing: show it
  return segments.map((s) => (s.folded && s.to === s.from ? { ...s, folded: false } : s))
    .reduce<CodeSegment[]>((out, s) => {
      const last = out.at(-1);
      if (last && !last.folded && !s.folded) last.to = s.to;
      else out.push({ ...s });
      return out;
    }, []);
}
