// What goes into the built deck (dist/), relative to the project root: `npm start` rebuilds when a hash over these
// files changes, and the build itself fails if it bundles a project file outside this list (vite.config.ts), so the
// list cannot silently fall behind the code. Browser-free, dependency-free: vite.config.ts imports it too.
export const DECK_INPUTS = [
  'slides.md', 'pages/', 'components/', 'composables/', 'layouts/', 'styles/', 'setup/', 'public/', 'snippets/',
  // what each block shows offline and in the exported PDF
  'recordings/',
  // the code the deck and the sidecar share (types, the snippet parser and its error type, figures from results)
  'shared/',
  'vite.config.ts', 'server/deck/deck-inputs.ts', 'server/deck/code-font.ts', 'package-lock.json',
] as const;

/** Whether a path relative to the project root is one of the deck's inputs (or inside one of its folders). */
export function isDeckInput(relativePath: string): boolean {
  return DECK_INPUTS.some((input) => (input.endsWith('/') ? relativePath.startsWith(input) : relativePath === input
    // Slidev's per-slide modules of a markdown file ("slides.md__slidev_3.md")
    || relativePath.startsWith(`${input}__slidev_`)));
}
