// Syntax highlighting with shiki's fine-grained core: two languages, GitHub's high-contrast themes for both variants
// (a token carries its light colour and --shiki-dark), the JavaScript regex engine (no WebAssembly download), created
// once per page. Tokens per line, so a block can fold lines and wrap long ones.
import { createHighlighterCore, type HighlighterCore } from 'shiki/core';
import { createJavaScriptRegexEngine } from 'shiki/engine/javascript';
import { ref, watchEffect, type Ref } from 'vue';

export interface CodeToken { content: string; style: Record<string, string> }

let highlighter: Promise<HighlighterCore> | undefined;
const THEMES = { light: 'github-light-high-contrast', dark: 'github-dark-high-contrast' } as const;

function getHighlighter(): Promise<HighlighterCore> {
  highlighter ??= createHighlighterCore({
    themes: [import('shiki/themes/github-light-high-contrast.mjs'), import('shiki/themes/github-dark-high-contrast.mjs')],
    langs: [import('shiki/langs/sql.mjs'), import('shiki/langs/shellscript.mjs')],
    engine: createJavaScriptRegexEngine(),
  });
  return highlighter;
}

/** Each line's tokens; undefined until shiki is ready (the block shows plain lines meanwhile). */
export function useHighlight(code: () => string, lang: () => 'sql' | 'shellscript'): Ref<CodeToken[][] | undefined> {
  const lines = ref<CodeToken[][]>();
  watchEffect(async () => {
    const text = code();
    const language = lang();
    const h = await getHighlighter();
    lines.value = h.codeToTokens(text, { lang: language, themes: THEMES }).tokens
      .map((line) => line.map((t) => ({ content: t.content, style: (t.htmlStyle ?? {}) as Record<string, string> })));
  });
  return lines;
}
