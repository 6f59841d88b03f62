// The deck shows the same snippet files the sidecar runs: bundled as raw text and parsed with the sidecar's parser.
import { parseSnippetFile, snippetIdFromPath } from '../shared/snippet-file';
import type { Snippet } from '../shared/types';

const files = import.meta.glob<string>('/snippets/**/*.{sql,sh}', { query: '?raw', import: 'default', eager: true });

type Parsed = { snippet: Snippet; error?: undefined } | { snippet?: undefined; error: string };

const parsed = new Map<string, Parsed>();
for (const [path, text] of Object.entries(files)) {
  const id = path.replace(/^\/snippets\//, '').replace(/\.(sql|sh)$/, '');
  try {
    snippetIdFromPath(path);
    parsed.set(id, { snippet: parseSnippetFile(path, text) });
  } catch (err) {
    parsed.set(id, { error: err instanceof Error ? err.message : String(err) });
  }
}

/** A snippet by id (`demo1/01-healthy-state`), or why it cannot be shown. */
export function useSnippet(id: string): Parsed {
  return parsed.get(id) ?? { error: `No snippet "${id}" in snippets/ (ids: ${[...parsed.keys()].slice(0, 3).join(', ')}, …)` };
}

/** Ids of a demo's snippets, in run order (`demo1/…`). */
export function snippetIdsOf(demo: string): string[] {
  return [...parsed.keys()].filter((id) => id.startsWith(`${demo}/`)).sort();
}
