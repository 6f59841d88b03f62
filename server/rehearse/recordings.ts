// recordings/: one JSON per block, each a real run's result as rehearse recorded it (`Recording` in types.ts), and per
// demo the lag its charts showed during that run (`lag.json`, `LagRecording`). The deck shows them offline and in the
// exported PDF; a recording whose hash no longer matches its snippet's text is stale.
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { LagRecording, Recording, Snippet } from '../../shared/types';
import { PROJECT_ROOT } from './slide-order';

export const RECORDINGS_DIR = join(PROJECT_ROOT, 'recordings');

/** How to record a demo again: the command the stale-recording test and rehearse's messages name. */
export const recordCommand = (demo?: string) => `npm run rehearse${demo ? ` -- --demo ${demo.replace(/^demo/, '')}` : ''}`;

export function snippetHash(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export const recordingFile = (dir: string, snippet: string) => join(dir, `${snippet}.json`);
/** A demo's recorded lag: not a block's (no snippet is called `lag`: `NN-name`) */
export const LAG_FILE = 'lag.json';
const isLagFile = (file: string) => basename(file) === LAG_FILE;

/** Replaces a demo's recordings with these (a block that is gone loses its recording), and its recorded lag. */
export async function writeDemoRecordings(dir: string, demo: string, recordings: Recording[], lag?: LagRecording): Promise<void> {
  await rm(join(dir, demo), { recursive: true, force: true });
  await mkdir(join(dir, demo), { recursive: true });
  for (const recording of recordings) {
    const file = recordingFile(dir, recording.snippet);
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, `${JSON.stringify(recording, null, 2)}\n`);
  }
  if (lag) await writeFile(join(dir, demo, LAG_FILE), lagJson(lag));
}

/** Indented like the block recordings, but a sample per line: a few hundred of them stay readable in a diff. */
function lagJson(lag: LagRecording): string {
  const samples = Object.entries(lag.series).map(([name, points]) => `    ${JSON.stringify(name)}: [\n${
    points!.map((p) => `      ${JSON.stringify(p)}`).join(',\n')}\n    ]`);
  const head = JSON.stringify({ ...lag, series: undefined }, null, 2).replace(/\n}$/, '');
  return `${head},\n  "series": {\n${samples.join(',\n')}\n  }\n}\n`;
}

async function jsonFiles(dir: string): Promise<string[]> {
  const files = await readdir(dir, { recursive: true }).catch(() => [] as string[]);
  return files.filter((f) => f.endsWith('.json')).sort();
}

export async function readRecordings(dir: string = RECORDINGS_DIR): Promise<Map<string, Recording>> {
  const recordings = new Map<string, Recording>();
  for (const file of (await jsonFiles(dir)).filter((f) => !isLagFile(f))) {
    const recording = JSON.parse(await readFile(join(dir, file), 'utf8')) as Recording;
    recordings.set(recording.snippet, recording);
  }
  return recordings;
}

/** `demo2` → its recorded lag. */
export async function readLagRecordings(dir: string = RECORDINGS_DIR): Promise<Map<string, LagRecording>> {
  const lags = new Map<string, LagRecording>();
  for (const file of (await jsonFiles(dir)).filter(isLagFile)) {
    const lag = JSON.parse(await readFile(join(dir, file), 'utf8')) as LagRecording;
    lags.set(lag.demo, lag);
  }
  return lags;
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

/**
 * What is wrong with a demo's recorded lag: missing, or not from the run its blocks' recordings come from (another
 * block list, another run of a block, another time); each says the fix.
 */
export function lagRecordingProblems(demo: string, blocks: readonly string[], lag: LagRecording | undefined,
  recordings: ReadonlyMap<string, Recording>): string[] {
  const fix = `run \`${recordCommand(demo)}\``;
  if (!lag) return [`recordings/${demo}/${LAG_FILE} is missing: ${fix}`];
  const ran = lag.blocks.map((b) => b.snippet);
  if (ran.join() !== blocks.join()) return [`recordings/${demo}/${LAG_FILE} ran ${ran.join(', ')}, not the demo's blocks: ${fix}`];
  return lag.blocks.flatMap((b) => {
    const recording = recordings.get(b.snippet);
    const endedAt = Date.parse(lag.startedAt) + b.to;
    return recording?.result.runId === b.runId && Math.abs(Date.parse(recording.recordedAt) - endedAt) <= 1
      ? []
      : [`recordings/${demo}/${LAG_FILE} is from another run than recordings/${b.snippet}.json: ${fix}`];
  });
}
