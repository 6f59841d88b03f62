import type { LinkStatus } from '../../shared/types';

/** A whole link: nothing cut, no added latency (the start state of every demo). */
export const NO_LINK_FAULTS: LinkStatus = Object.freeze({ partitioned: [], latencyMs: 0 }) as LinkStatus;
