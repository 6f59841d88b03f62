// The standby's primary_conninfo carries a stale password (rotated on the primary, not here): once its connection
// drops it cannot log in again, and only the logs say why.
import { alterSystem, currentSetting } from '../settings';
import { noReceiverStreaming, noStandbyConnected } from '../evidence-queries';
import type { Fault } from '../types';
import { STANDBY } from '../workload';

const STALE = 'Winter2024!';
/** where inject keeps the conninfo from before the drill, for fix */
const SAVED = 'wrong-password: primary_conninfo';

export const wrongPassword: Fault = {
  name: 'wrong-password',
  title: "The standby's primary_conninfo has a wrong password",
  cause: 'The standby\'s primary_conninfo carries a stale password: its walreceiver cannot authenticate, so it does not '
    + 'stream and retries forever; the logs of both nodes say "password authentication failed".',
  evidence: [
    {
      kind: 'log', node: STANDBY, title: "the standby's log",
      pattern: /password authentication failed for user "replicator"/,
      shows: 'could not connect to the primary server: … password authentication failed for user "replicator"',
    },
    noReceiverStreaming('no row: no walreceiver is running'),
    noStandbyConnected('no standby connected'),
    {
      kind: 'sql', node: STANDBY, title: 'primary_conninfo on the standby',
      sql: 'SHOW primary_conninfo',
      shows: 'a password that is not the replication role\'s',
    },
  ],
  remedy: 'Put the right password in primary_conninfo (ALTER SYSTEM SET primary_conninfo … ; SELECT pg_reload_conf()): '
    + 'the walreceiver restarts with it.',
  hints: [
    'The standby is up and answers queries, but it is not replicating.',
    'The standby\'s server log says why it cannot connect.',
    'Authentication fails: compare the password in primary_conninfo with the replication role\'s.',
  ],
  touches: ['standby stream', 'primary_conninfo'],
  showsWithinMs: 10_000,
  available: () => null,

  async inject(ctx) {
    const conninfo = await currentSetting(ctx.cluster, STANDBY, 'primary_conninfo');
    const stale = conninfo.replace(/password=\S+/, `password=${STALE}`);
    if (stale === conninfo) throw new Error('primary_conninfo of the standby has no password to change');
    ctx.saved.set(SAVED, conninfo);
    // a changed primary_conninfo makes the walreceiver restart with it (reloadable since PostgreSQL 13)
    await alterSystem(ctx.cluster, STANDBY, { primary_conninfo: stale });
  },

  async fix(ctx) {
    const conninfo = ctx.saved.get(SAVED);
    if (!conninfo) throw new Error('the primary_conninfo from before the drill is not known; Reset recovers the pair');
    await alterSystem(ctx.cluster, STANDBY, { primary_conninfo: conninfo });
  },
};

