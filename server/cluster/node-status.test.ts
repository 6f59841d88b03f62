// The snapshot logic alone, on observations shaped like the ones the real cluster tests produce.
import { describe, expect, it } from 'vitest';
import type { NodeName } from '../../shared/types';
import { nodeOfConninfo } from './naming';
import { buildNodeStatuses, type NodeObservation } from './node-status';
import type { NodeProbe } from './sql/node-probe';

const PORTS: Partial<Record<NodeName, number>> = { 'postgres-primary': 54320, 'postgres-standby': 54321 };
const nodeOf = (conninfo: string | null) => nodeOfConninfo(conninfo,
  (Object.entries(PORTS) as [NodeName, number][]).map(([name, port]) => [name, { host: '127.0.0.1', port }]));

function probe(over: Partial<NodeProbe>): NodeProbe {
  return {
    inRecovery: false, headLsn: '0/3000000', replayLsn: null, timeline: 1, primaryConninfo: '', primarySlotName: '',
    synchronousStandbyNames: '', receiverStatus: null, replication: [], slots: [], ...over,
  };
}

function observed(name: NodeName, p: NodeProbe): NodeObservation {
  return {
    name, port: PORTS[name] ?? 0, state: 'running', probe: p,
    files: { role: p.inRecovery ? 'standby' : 'primary', primaryConninfo: null, primarySlotName: null, timeline: null },
  };
}

const standbyOfPrimary = `host=127.0.0.1 port=${PORTS['postgres-primary']} user=replicator application_name=standby`;
const primaryOfStandby = `host=127.0.0.1 port=${PORTS['postgres-standby']} user=replicator application_name=primary`;

describe('buildNodeStatuses', () => {
  it('a streaming standby shows the upstream head minus its replay LSN', () => {
    const [, standby] = buildNodeStatuses([
      observed('postgres-primary', probe({ headLsn: '0/3000100', replication: [{
        applicationName: 'standby', state: 'streaming', syncState: 'async', flushLsn: '0/3000100',
        replayLsn: '0/3000000', lagBytes: 256 }] })),
      observed('postgres-standby', probe({ inRecovery: true, headLsn: '0/3000100', replayLsn: '0/3000000',
        primaryConninfo: standbyOfPrimary })),
    ], nodeOf);
    expect(standby).toMatchObject({ role: 'standby', upstream: 'postgres-primary', lagBytes: 256,
      replicationState: 'streaming' });
  });

  it('a not-yet-streaming standby on the same timeline still shows how far behind it is', () => {
    const [, standby] = buildNodeStatuses([
      observed('postgres-primary', probe({ headLsn: '0/3001000' })),
      observed('postgres-standby', probe({ inRecovery: true, headLsn: '0/3000000', replayLsn: '0/3000000',
        primaryConninfo: standbyOfPrimary })),
    ], nodeOf);
    expect(standby!.lagBytes).toBe(0x1000);
    expect(standby!.note).toContain('not connected to postgres-primary');
  });

  it('a diverged old primary on another timeline has no lag figure, and says why', () => {
    // Demo 5: the old primary (timeline 1, written past the fork) restarted as a standby of the new primary (timeline 2)
    // is refused; its replay LSN is ahead of the new primary's head, which used to read as "0 bytes".
    const [oldPrimary] = buildNodeStatuses([
      observed('postgres-primary', probe({ inRecovery: true, headLsn: null, replayLsn: '0/3009000', timeline: 1,
        primaryConninfo: primaryOfStandby })),
      observed('postgres-standby', probe({ headLsn: '0/3004000', timeline: 2 })),
    ], nodeOf);
    expect(oldPrimary).toMatchObject({ role: 'standby', upstream: 'postgres-standby', lagBytes: null });
    expect(oldPrimary!.note).toContain('on timeline 1, postgres-standby on timeline 2');
  });
});
