// Syntax highlighting with shiki's fine-grained core: two languages, one theme, the JavaScript regex engine
// (no WebAssembly download), created once per page.
import { createHighlighterCore, type HighlighterCore } from 'shiki/core';
import { createJavaScriptRegexEngine } from 'shiki/engine/javascript';
import { ref, watchEffect, type Ref } from 'vue';

let highlighter: Promise<HighlighterCore> | undefined;

function getHighlighter(): Promise<HighlighterCore> {
  highlighter ??= createHighlighterCore({
    themes: [import('shiki/themes/github-light.mjs')],
    langs: [import('shiki/langs/sql.mjs'), import('shiki/langs/shellscript.mjs')],
    engine: createJavaScriptRegexEngine(),
  });
  return highlighter;
}

/** HTML of the highlighted code; undefined until shiki is ready (the block shows plain text meanwhile). */
export function useHighlight(code: () => string, lang: () => 'sql' | 'shellscript'): Ref<string | undefined> {
  const html = ref<string>();
  watchEffect(async () => {
    const text = code();
    const language = lang();
    const h = await getHighlighter();
    html.value = h.codeToHtml(text, { lang: language, theme: 'github-light' });
  });
  return html;
}
