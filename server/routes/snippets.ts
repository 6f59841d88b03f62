import { Router } from 'express';
import type { Snippet, SnippetInfo } from '../../shared/types';

export function snippetRoutes(snippets: ReadonlyMap<string, Snippet>): Router {
  const list: SnippetInfo[] = [...snippets.values()].map(({ id, kind, node, title }) =>
    node ? { id, kind, node, title } : { id, kind, title });
  return Router().get('/api/snippets', (_req, res) => {
    res.json(list);
  });
}
