// `up`: build the pair, or reattach to what a demo left — swapped roles, a split brain, stopped or frozen nodes —
// as it is: nothing is repaired, every node is brought up and every standby is given its time to stream.
import { topologyNodes, type TopologyName } from '../../../shared/topology';
import type { ClusterDriver, DriverOutcome } from '../driver';
import { bringUp } from './bring-up';
import { build } from './build';
import { reset } from './reset';
import { restoreStartState } from './start-state';
import { readStreams, standbysNotStreaming } from './streams';
import { recordedTopology } from './topology-record';

/** `topology`: the shape wanted (default: the recorded one); a built cluster of another shape is reset to it. */
export async function up(driver: ClusterDriver, checkpoint: () => void, topology?: TopologyName): Promise<DriverOutcome> {
  const wanted = topology ?? recordedTopology(driver.stateDir);
  if ((await driver.built()) !== 'complete') return build(driver, checkpoint, wanted);
  if (wanted !== recordedTopology(driver.stateDir)) {
    const outcome = await reset(driver, checkpoint, wanted);
    return { ...outcome, detail: [`the cluster was of another topology, so a reset to ${wanted}`, outcome.detail].filter(Boolean).join('; ') };
  }
  return reattach(driver);
}

/** Thaws frozen nodes and starts stopped ones (upstreams first); a node without data brings back the start state. */
export async function reattach(driver: ClusterDriver): Promise<DriverOutcome> {
  await driver.prepare?.();
  const topology = recordedTopology(driver.stateDir);
  const streams = await readStreams(driver, topologyNodes(topology));
  if (streams.some((s) => s.role === 'unknown')) {
    const method = await restoreStartState(driver, topology);
    return { method, detail: 'a data folder was missing, so the pair was restored from the golden copy' };
  }
  const done = await bringUp(driver, streams);
  const problems = (await standbysNotStreaming(driver, streams, { timeoutMs: 10_000 }))
    .map(({ node, upstream }) => `${node} does not stream from ${upstream} (reset brings back a fresh pair)`);
  return {
    method: 'reattached to what exists: frozen nodes thawed, stopped ones started, upstreams first',
    ok: problems.length === 0,
    detail: [done.join('; ') || (streams.length === 2 ? 'both nodes were running' : 'every node was running'), ...problems].join('; '),
  };
}
