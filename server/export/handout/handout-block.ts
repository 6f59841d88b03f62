// One runnable block in the handout: its title and node, the whole command, and the whole output its recording holds
// (a SQL result as psql prints it, a shell run's stdout then stderr and how it ended), never cut: on paper it runs on
// over as many lines and pages as it needs.
import { recordedLabel, shellEnding } from '../../../shared/run-text';
import type { Recording, RunResponse, Snippet } from '../../../shared/types';
import { psqlText } from './psql-text';

/** An aligned table wider than this many characters is printed expanded (the page's width in the code font). */
const MAX_TABLE_WIDTH = 100;

export const escapeHtml = (text: string) => text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/** The output as lines of text, each with its kind (stderr and failures are marked). */
export function outputLines(result: RunResponse): { text: string; kind: 'out' | 'err' | 'note' }[] {
  const lines = (text: string, kind: 'out' | 'err' | 'note') => text.replace(/\n$/, '').split('\n').map((line) => ({ text: line, kind }));
  if (result.kind === 'shell') {
    const ending = shellEnding(result);
    return [
      ...(result.stdout ? lines(result.stdout, 'out') : []),
      ...(result.stderr ? lines(result.stderr, 'err') : []),
      ...(ending ? [{ text: ending, kind: 'err' as const }] : []),
    ];
  }
  return [
    ...result.results.flatMap((r) => lines(`${psqlText(r, MAX_TABLE_WIDTH)}${r.durationMs === undefined ? '' : `\nTime: ${r.durationMs.toFixed(3)} ms`}`, 'out')),
    ...result.notices.flatMap((n) => lines(n, 'note')),
    ...(result.error ? lines(`ERROR:  ${result.error.message}${result.error.detail ? `\nDETAIL:  ${result.error.detail}` : ''}`, 'err') : []),
  ];
}

export function blockHtml(snippet: Snippet, recording: Recording | undefined): string {
  const node = snippet.kind === 'sql' ? snippet.node ?? 'postgres-primary' : 'shell';
  const output = recording
    ? outputLines(recording.result).map((l) => `<div class="line ${l.kind}">${escapeHtml(l.text) || '&#8203;'}</div>`).join('')
    : '<div class="line err">no recording: run `npm run rehearse`</div>';
  return `<section class="block" data-snippet="${escapeHtml(snippet.id)}">
<header><b>${escapeHtml(snippet.title)}</b> <span class="node">${node}</span>${snippet.note ? ` <span class="note">≠ seed: ${escapeHtml(snippet.note)}</span>` : ''}</header>
<div class="command">${snippet.text.split('\n').map((l) => `<div class="line">${escapeHtml(l) || '&#8203;'}</div>`).join('')}</div>
<div class="output">${recording ? `<p class="recorded">${recordedLabel(recording)}</p>` : ''}${output}</div>
</section>`;
}
