// The files through which the embedded backend and its link relay talk (in the state folder).
import type { LinkStatus } from '../../../../shared/types';

/** the faults wanted, written by the backend (atomically) */
export const LINK_FILE = 'link.json';
/** the id of the last link.json the relay put in place */
export const LINK_APPLIED_FILE = 'link-applied.json';
/** the relay's pid and fronts while it runs */
export const RELAY_PID_FILE = 'link-relay.json';
/** in every relay's command line: relay-main.ts, or its compiled module (node_modules/.cache/pgdemo-compiled/…relay-main.mjs) */
export const RELAY_COMMAND_MARK = 'relay-main';

export interface LinkFile extends Pick<LinkStatus, 'partitioned' | 'latencyMs' | 'links'> {
  /** changes with every write, so the writer can wait for exactly its own change */
  id: string;
}

/**
 * What the relay's code understands, in its pid file: a relay of another version (left running by an older
 * checkout) is restarted rather than kept. 2: routes per source node (link.json's `links`).
 */
export const RELAY_VERSION = 2;
