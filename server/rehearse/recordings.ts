// recordings/: one JSON per block, each a real run's result as rehearse recorded it (`Recording` in types.ts). The deck
// shows them offline and in the exported PDF; a recording whose hash no longer matches its snippet's text is stale.
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Recording, Snippet } from '../../shared/types';
import { PROJECT_ROOT } from './slide-order';

export const RECORDINGS_DIR = join(PROJECT_ROOT, 'recordings');

/** How to record a demo again: the command the stale-recording test and rehearse's messages name. */
export const recordCommand = (demo?: string) => `npm run rehearse${demo ? ` -- --demo ${demo.replace(/^demo/, '')}` : ''}`;

export function snippetHash(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export const recordingFile = (dir: string, snippet: string) => join(dir, `${snippet}.json`);

/** Replaces a demo's recordings with these (a block that is gone loses its recording). */
export async function writeDemoRecordings(dir: string, demo: string, recordings: Recording[]): Promise<void> {
  await rm(join(dir, demo), { recursive: true, force: true });
  for (const recording of recordings) {
    const file = recordingFile(dir, recording.snippet);
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, `${JSON.stringify(recording, null, 2)}\n`);
  }
}

export async function readRecordings(dir: string = RECORDINGS_DIR): Promise<Map<string, Recording>> {
  const recordings = new Map<string, Recording>();
  const files = await readdir(dir, { recursive: true }).catch(() => [] as string[]);
  for (const file of files.filter((f) => f.endsWith('.json')).sort()) {
    const recording = JSON.parse(await readFile(join(dir, file), 'utf8')) as Recording;
    recordings.set(recording.snippet, recording);
  }
  return recordings;
}

/** What is wrong with the recordings for these snippets: missing, stale (other text) or left over; each says the fix. */
export function recordingProblems(snippets: Iterable<Snippet>, recordings: ReadonlyMap<string, Recording>): string[] {
  const problems: string[] = [];
  const ids = new Set<string>();
  for (const snippet of snippets) {
    ids.add(snippet.id);
    const demo = snippet.id.split('/')[0];
    const recording = recordings.get(snippet.id);
    if (!recording) problems.push(`${snippet.id} has no recording: run \`${recordCommand(demo)}\``);
    else if (recording.snippetSha256 !== snippetHash(snippet.text)) {
      problems.push(`recordings/${snippet.id}.json is stale (recorded ${recording.recordedAt} from other text): run \`${recordCommand(demo)}\``);
    }
  }
  for (const id of recordings.keys()) {
    if (!ids.has(id)) problems.push(`recordings/${id}.json belongs to no snippet: run \`${recordCommand(id.split('/')[0])}\``);
  }
  return problems;
}
