// What the presenter notes need from a slide's Markdown (see preparser.ts): a Q&A slide's answer, and a title
// without markup. Node-side and dependency-free.

/** The answer of a slide whose heading is a question (`# Q: …`): the Markdown inside its `<div class="qa-answer">`. */
export function qaAnswerOf(content: string): string | undefined {
  if (!/^#\s+Q:/m.test(content)) return undefined
  const inner = /<div class="qa-answer">([\s\S]*?)<\/div>/.exec(content)?.[1]
  // a component (a runnable block) means nothing in notes: name what it runs instead
  return inner?.replace(/<RunBlock\b[^>]*\bid="([^"]+)"[^>]*\/>/g, '(block `$1`, run on the slide)').trim() || undefined
}

export function withAnswer(note: string | undefined, answer: string): string {
  return [note?.trim(), `**Answer** (on the slide, revealed on click):\n\n${answer}`].filter(Boolean).join('\n\n')
}

/** A heading with markup (`# Demo 1 … <span class="…">· 10 min</span>`) as plain text; undefined when it has none. */
export function plainTitleOf(content: string): string | undefined {
  const heading = /^#\s+(.+)$/m.exec(content)?.[1]
  if (!heading || !/<[^>]+>/.test(heading)) return undefined
  return heading.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim()
}
