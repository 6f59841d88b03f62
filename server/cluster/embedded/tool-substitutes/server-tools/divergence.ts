// Where two servers' histories part, found as pg_rewind finds it (findCommonAncestorTimeline): the source's timeline
// history (its .history file, read through SQL) against the target's (its control file's timeline and, past 1, its own
// .history file), the last timeline both share, and the earlier of the two ends of it. The substitute prints the line
// pg_rewind prints, so the deck shows the same figure whichever of them ran.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CONTROL_FILE, parseControlFile } from '../../../control-file';
import { query } from '../../../sql/client';
import { probeNode } from '../../../sql/node-probe';
import type { NodeInfo } from './nodes';

interface TimelineSpan {
  timeline: number;
  /** where the next timeline forks off it; undefined for the newest */
  end?: bigint;
}

const historyFile = (timeline: number) => `${timeline.toString(16).toUpperCase().padStart(8, '0')}.history`;

const parseLsn = (text: string) => {
  const [high, low] = text.split('/');
  return (BigInt(`0x${high}`) << 32n) | BigInt(`0x${low}`);
};

export const formatLsn = (lsn: bigint) => `${(lsn >> 32n).toString(16).toUpperCase()}/${(lsn & 0xffffffffn).toString(16).toUpperCase()}`;

/** A timeline's ancestry from its history file's text ("parent<TAB>switchpoint<TAB>reason" per line), oldest first. */
export function parseHistory(timeline: number, text: string): TimelineSpan[] {
  const spans: TimelineSpan[] = [];
  for (const line of text.split('\n')) {
    const fields = line.trim().split(/\s+/);
    if (fields.length < 2 || !/^\d+$/.test(fields[0]!) || !/^[0-9A-Fa-f]+\/[0-9A-Fa-f]+$/.test(fields[1]!)) continue;
    spans.push({ timeline: Number(fields[0]), end: parseLsn(fields[1]!) });
  }
  spans.push({ timeline });
  return spans;
}

/** The last timeline both histories share and where they part, or undefined when they never part (same timeline). */
export function divergencePoint(source: TimelineSpan[], target: TimelineSpan[]): { timeline: number; lsn: bigint } | undefined {
  let common = -1;
  while (common + 1 < source.length && common + 1 < target.length && source[common + 1]!.timeline === target[common + 1]!.timeline) common++;
  if (common < 0) return undefined;
  const ends = [source[common]!.end, target[common]!.end].filter((end): end is bigint => end !== undefined);
  if (ends.length === 0) return undefined;
  return { timeline: source[common]!.timeline, lsn: ends.reduce((a, b) => (a < b ? a : b)) };
}

async function sourceHistory(source: NodeInfo): Promise<TimelineSpan[]> {
  const conn = { host: source.socketDir, port: source.port, user: 'postgres', database: 'postgres' };
  // the timeline being written now, as status reads it (pg_control's lags until the end-of-recovery checkpoint)
  const timeline = (await probeNode(conn, source.name)).timeline ?? 1;
  if (timeline === 1) return parseHistory(1, '');
  const [history] = await query<{ text: string }>(conn, source.name, 'SELECT pg_read_file($1) AS text', [`pg_wal/${historyFile(timeline)}`]);
  return parseHistory(timeline, history?.text ?? '');
}

async function targetHistory(target: NodeInfo): Promise<TimelineSpan[] | undefined> {
  const control = parseControlFile(await readFile(join(target.dataDir, CONTROL_FILE)).catch(() => null));
  if (!control) return undefined;
  if (control.timeline === 1) return parseHistory(1, '');
  const text = await readFile(join(target.dataDir, 'pg_wal', historyFile(control.timeline)), 'utf8').catch(() => undefined);
  return text === undefined ? undefined : parseHistory(control.timeline, text);
}

/** pg_rewind's "servers diverged at WAL location X on timeline N", or undefined when it cannot be told. */
export async function divergedLine(source: NodeInfo, target: NodeInfo): Promise<string | undefined> {
  const [fromSource, fromTarget] = await Promise.all([sourceHistory(source), targetHistory(target)]);
  if (!fromTarget) return undefined;
  const point = divergencePoint(fromSource, fromTarget);
  return point && `servers diverged at WAL location ${formatLsn(point.lsn)} on timeline ${point.timeline}`;
}
