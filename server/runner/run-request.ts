import { DemoError } from '../../shared/errors';
import type { NodeName, Snippet } from '../../shared/types';
import { runBody } from '../../shared/wire';

/** What the sidecar is asked to execute, after the allowlist check. */
export type RunRequest = (
  | { kind: 'sql'; snippetId?: string; text: string; node: NodeName; timeoutMs?: number }
  | { kind: 'shell'; snippetId?: string; text: string; timeoutMs?: number }
) & {
  /** a snippet's text as edited live (`--allow-edits`), not the deck's: every view marks its run "edited" */
  edited?: boolean;
};

export const EDITS_HINT = 'Start the sidecar with `pgdemo serve --allow-edits` (or PGDEMO_ALLOW_EDITS=1) to run edited text.';

/**
 * The allowlist: a deck snippet runs as stored. Edited text of a known snippet, or text that is not a snippet at all,
 * runs only when live editing was switched on when the sidecar started.
 */
export function resolveRunRequest(
  rawBody: unknown,
  snippets: ReadonlyMap<string, Snippet>,
  allowEdits: boolean,
  /** snippet files that do not parse: id → what is wrong */
  broken: ReadonlyMap<string, string> = new Map(),
): RunRequest {
  const body = runBody.parse(rawBody ?? {});
  if ('snippet' in body) {
    const snippet = snippets.get(body.snippet);
    const problem = broken.get(body.snippet);
    if (problem !== undefined) throw new DemoError('SNIPPET_INVALID', problem, { detail: 'Fix the file; the sidecar reads the snippets when it starts.' });
    if (!snippet) throw new DemoError('UNKNOWN_SNIPPET', `No snippet "${body.snippet}" in this deck.`);
    const edited = body.text !== undefined && body.text !== snippet.text;
    if (edited && !allowEdits) {
      throw new DemoError('EDIT_NOT_ENABLED', `The text sent for "${snippet.id}" differs from the deck's snippet.`, {
        detail: EDITS_HINT,
      });
    }
    const runText = edited ? body.text! : snippet.text;
    const marks = edited ? { edited: true } : {};
    return snippet.kind === 'sql'
      ? { kind: 'sql', snippetId: snippet.id, text: runText, node: snippet.node!, timeoutMs: snippet.timeoutMs, ...marks }
      : { kind: 'shell', snippetId: snippet.id, text: runText, timeoutMs: snippet.timeoutMs, ...marks };
  }
  if (!allowEdits) {
    throw new DemoError('EDIT_NOT_ENABLED', 'Only the deck\'s own snippets can run.', { detail: EDITS_HINT });
  }
  return 'sql' in body ? { kind: 'sql', text: body.sql, node: body.node } : { kind: 'shell', text: body.shell };
}
