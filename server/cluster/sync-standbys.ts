// `sync`: synchronous_standby_names on the current primary — the pair's one standby (on/off), or, with more
// standbys, a quorum `ANY num (…)` or a priority list `FIRST num (…)` — and what pg_stat_replication shows after.
import { DemoError } from '../../shared/errors';
import type { NodeName, SyncQuorum } from '../../shared/types';
import type { ClusterDriver, DriverOutcome } from './driver';
import { applicationNameOf, otherNode } from './naming';
import { setSynchronousStandbyNames } from './sql/replication';
import { probeRunning } from './topology';

/** `nodes`: the cluster's (its topology's). */
export async function setSync(driver: ClusterDriver, nodes: readonly NodeName[], on: boolean,
  quorum?: SyncQuorum): Promise<DriverOutcome> {
  const probes = await Promise.all(nodes.map(async (node) => ({
    node, probe: await probeRunning(driver, node).catch(() => null),
  })));
  const primaries = probes.filter((p) => p.probe && !p.probe.inRecovery);
  const withStandby = primaries.filter((p) => p.probe!.replication.length > 0);
  const chosen = primaries.length === 1 ? primaries[0] : withStandby.length === 1 ? withStandby[0] : undefined;
  if (!chosen) {
    throw new DemoError('INVALID_STATE', primaries.length === 0
      ? 'There is no running primary to set synchronous_standby_names on.'
      : 'Both nodes are primaries (split brain); rewind or rebuild one first.');
  }
  const method = `ALTER SYSTEM on ${chosen.node} + pg_reload_conf()`;
  if (quorum) return { method, ...await setQuorum(driver, chosen.node, nodes, quorum) };
  const expected = applicationNameOf(otherNode(chosen.node));
  const rows = chosen.probe!.replication;
  const appName = rows.find((r) => r.applicationName === expected)?.applicationName
    ?? (rows.length === 1 ? rows[0]!.applicationName : expected);
  // off: every connected walsender back to async (with two standbys, not only the pair's one)
  const wanted = (names: string[]) => on
    ? new Map(names.includes(appName) ? [[appName, 'sync']] : [])
    : new Map(names.map((name) => [name, 'async']));
  const connected = (await setSynchronousStandbyNames(driver.connection(chosen.node), chosen.node, on ? appName : null,
    wanted)).includes(appName);
  const setting = on ? `synchronous_standby_names = '${appName}'` : 'synchronous_standby_names reset (async)';
  return {
    method,
    // with sync on and nobody to confirm, every commit on the primary waits: that is not the goal reached
    ok: connected || !on,
    detail: connected ? `${setting}; pg_stat_replication shows ${appName} as ${on ? 'sync' : 'async'}`
      : `${setting}; ${appName} is not connected${on ? ', so commits on the primary will wait for it' : ''}`,
  };
}

/** The quorum's standbys must be standbys of this cluster, named once, at least `num` of them. */
function quorumSetting(primary: NodeName, members: readonly NodeName[], { method, num, nodes }: SyncQuorum): string {
  const wrong = nodes.filter((n, i) => n === primary || !members.includes(n) || nodes.indexOf(n) !== i);
  if (wrong.length || num > nodes.length) {
    throw new DemoError('BAD_REQUEST', wrong.length
      ? `${wrong.join(', ')} cannot be in synchronous_standby_names: each must be a standby of this cluster, named once.`
      : `${method.toUpperCase()} ${num} needs at least ${num} standbys, not ${nodes.length}.`,
    { detail: `The standbys: ${members.filter((n) => n !== primary).join(', ')} (the primary is ${primary}).` });
  }
  return `${method.toUpperCase()} ${num} (${nodes.map(applicationNameOf).join(', ')})`;
}

async function setQuorum(driver: ClusterDriver, primary: NodeName, members: readonly NodeName[],
  quorum: SyncQuorum): Promise<Pick<DriverOutcome, 'ok' | 'detail'>> {
  const setting = quorumSetting(primary, members, quorum);
  const names = quorum.nodes.map(applicationNameOf);
  // ANY: every connected one counts toward the quorum; FIRST: the first `num` connected, by the list's order, are
  // sync and the others wait their turn (potential)
  const expected = (connected: string[]) => new Map(names.filter((n) => connected.includes(n))
    .map((n, i) => [n, quorum.method === 'any' ? 'quorum' : i < quorum.num ? 'sync' : 'potential']));
  const connected = await setSynchronousStandbyNames(driver.connection(primary), primary, setting, expected);
  const states = expected(connected);
  const missing = names.filter((n) => !connected.includes(n));
  return {
    ok: connected.length >= quorum.num,
    detail: `synchronous_standby_names = '${setting}'; pg_stat_replication shows ${states.size
      ? [...states].map(([n, s]) => `${n} as ${s}`).join(', ') : 'none of them'}`
      + (missing.length ? `; ${missing.join(', ')} not connected to ${primary}` : '')
      + (connected.length < quorum.num ? `, so commits on ${primary} wait until ${quorum.num} confirm` : ''),
  };
}
