// Turns a snippet file (metadata header + runnable body) into a Snippet. Browser-safe: the deck imports the same files
// with import.meta.glob and parses them here, so the slide shows exactly what the sidecar runs. No Node imports.
//
// File format (`#` instead of `--` for shell snippets):
//   -- title: Show current healthy state      required
//   -- node: postgres-primary                 SQL only, required there: the node the SQL runs on
//   -- step: 1                                 the seed's step number
//   -- timeout: 90s                            optional: ms, s or m (default 60 s for SQL, 120 s for shell)
//   -- note: why this differs from the seed    optional, one line
//   <blank line>
//   <body: what the slide shows and what runs>
import { DemoError } from './errors';
import { NODE_NAMES, type NodeName, type Snippet, type SnippetKind } from './types';

/**
 * Demos 1–6 are the seed's; Demos 7 (what a failover loses, measured) and 8 (beyond a pair) are the deck's own, and so is `drill` (the drill's
 * diagnostic toolkit, pages/drill.md).
 */
export const SNIPPET_FOLDER_PATTERN = /^(demo[1-8]|drill)$/;
export const SNIPPET_ID_PATTERN = /^(demo[1-8]|drill)\/[0-9]{2}[a-z0-9-]*$/;
export const DEFAULT_TIMEOUT_MS: Record<SnippetKind, number> = { sql: 60_000, shell: 120_000 };
const MAX_TIMEOUT_MS = 15 * 60_000;

const HEADER_KEYS = ['title', 'node', 'step', 'timeout', 'note'] as const;
type HeaderKey = (typeof HEADER_KEYS)[number];

const COMMENT: Record<SnippetKind, string> = { sql: '--', shell: '#' };
const EXTENSION: Record<string, SnippetKind> = { sql: 'sql', sh: 'shell' };

function invalid(id: string, message: string): DemoError {
  return new DemoError('SNIPPET_INVALID', `Snippet ${id}: ${message}`);
}

/** `snippets/demo1/01-healthy-state.sql` (or any path ending in demoN/NN-name.ext) → its id and kind. */
export function snippetIdFromPath(path: string): { id: string; kind: SnippetKind } {
  const match = /(?:^|\/)((?:demo|drill)[^/]*\/[^/]+)\.([a-z]+)$/.exec(path.replace(/\\/g, '/'));
  const kind = match ? EXTENSION[match[2]!] : undefined;
  if (!match || !kind || !SNIPPET_ID_PATTERN.test(match[1]!)) {
    throw new DemoError('SNIPPET_INVALID', `"${path}" is not a snippet file name.`, {
      detail: 'Snippets are snippets/demo1..demo8/NN-name.sql or .sh (or snippets/drill/…), NN being two digits (e.g. demo1/01-healthy-state.sql).',
    });
  }
  return { id: match[1]!, kind };
}

function parseTimeout(id: string, value: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*(ms|s|m)$/.exec(value);
  if (!match) throw invalid(id, `timeout "${value}" is not a duration like 500ms, 90s or 3m.`);
  const ms = Math.round(Number(match[1]) * { ms: 1, s: 1000, m: 60_000 }[match[2] as 'ms' | 's' | 'm']);
  if (ms <= 0 || ms > MAX_TIMEOUT_MS) throw invalid(id, `timeout "${value}" must be between 1 ms and 15 m.`);
  return ms;
}

function readHeader(id: string, kind: SnippetKind, lines: string[]): { header: Map<HeaderKey, string>; bodyStart: number } {
  const marker = COMMENT[kind];
  const header = new Map<HeaderKey, string>();
  let i = 0;
  for (; i < lines.length && lines[i]!.trim() !== ''; i++) {
    const line = lines[i]!;
    const match = new RegExp(`^${marker} ?([A-Za-z_-]+):\\s*(.*?)\\s*$`).exec(line);
    if (!match && i === 0) throw invalid(id, `no header: the file must start with "${marker} title: …".`);
    if (!match) {
      throw invalid(id, `line ${i + 1} "${line}" is not a header line "${marker} key: value"; `
        + 'the header ends with a blank line before the body.');
    }
    const key = match[1]!.toLowerCase() as HeaderKey;
    if (!HEADER_KEYS.includes(key)) {
      throw invalid(id, `unknown header key "${match[1]}" on line ${i + 1} (known: ${HEADER_KEYS.join(', ')}).`);
    }
    if (header.has(key)) throw invalid(id, `header key "${key}" appears twice.`);
    header.set(key, match[2]!);
  }
  if (i === 0) throw invalid(id, `no header: the file must start with "${marker} title: …" on its first line.`);
  if (i === lines.length) throw invalid(id, 'no body: end the header with a blank line, then the commands.');
  return { header, bodyStart: i + 1 };
}

export function parseSnippet(id: string, kind: SnippetKind, fileText: string): Snippet {
  if (!SNIPPET_ID_PATTERN.test(id)) throw invalid(id, 'the id must look like demo1/01-name.');
  const lines = fileText.replace(/\r\n?/g, '\n').split('\n');
  const { header, bodyStart } = readHeader(id, kind, lines);

  const body = lines.slice(bodyStart);
  while (body.length > 0 && body[0]!.trim() === '') body.shift();
  const text = body.join('\n').trimEnd();
  if (!text) throw invalid(id, 'the body is empty.');
  // a header line further down means a second header or one split by a blank line: both would run as code
  const stray = new RegExp(`^${COMMENT[kind]} ?(${HEADER_KEYS.join('|')}):`);
  const strayLine = body.find((line) => stray.test(line));
  if (strayLine !== undefined) throw invalid(id, `header line "${strayLine}" in the body (keep the header in one block).`);

  const title = header.get('title');
  if (!title) throw invalid(id, 'title is required.');

  const snippet: Snippet = { id, kind, title, text, timeoutMs: DEFAULT_TIMEOUT_MS[kind] };
  const node = header.get('node');
  if (kind === 'sql') {
    if (!node) throw invalid(id, `SQL snippets need a node (${NODE_NAMES.join(' or ')}).`);
    if (!(NODE_NAMES as readonly string[]).includes(node)) {
      throw invalid(id, `unknown node "${node}" (known: ${NODE_NAMES.join(', ')}).`);
    }
    snippet.node = node as NodeName;
  } else if (node !== undefined) {
    throw invalid(id, 'node is for SQL snippets only; shell commands name their containers themselves.');
  }

  const step = header.get('step');
  if (step !== undefined) {
    if (!/^[1-9][0-9]*$/.test(step)) throw invalid(id, `step "${step}" is not a positive whole number.`);
    snippet.step = Number(step);
  }
  const timeout = header.get('timeout');
  if (timeout !== undefined) snippet.timeoutMs = parseTimeout(id, timeout);
  const note = header.get('note');
  if (note !== undefined) {
    if (!note) throw invalid(id, 'note is empty.');
    snippet.note = note;
  }
  return snippet;
}

/** Convenience for the deck: a glob key such as `/snippets/demo1/01-healthy-state.sql` plus its text. */
export function parseSnippetFile(path: string, fileText: string): Snippet {
  const { id, kind } = snippetIdFromPath(path);
  return parseSnippet(id, kind, fileText);
}
