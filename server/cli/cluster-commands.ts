import { Option, type Command } from 'commander';
import { createCluster } from '../cluster/factory';
import { runClusterAction } from '../operations';
import type { ActionParams } from '../../shared/wire';
import { TOPOLOGY_NAMES, type TopologyName } from '../../shared/topology';
import type { NodeName } from '../../shared/types';
import { backendOption } from './backend-option';
import { formatReport, formatStatus } from './format-status';
import { parseBetween, parseMs, parseNodeArg, parseSyncArgs } from './node-arg';

async function withCluster<T>(work: (cluster: ReturnType<typeof createCluster>) => Promise<T>): Promise<T> {
  const cluster = createCluster();
  try {
    return await work(cluster);
  } finally {
    await cluster.close();
  }
}

async function act(action: string, params: ActionParams, json: boolean): Promise<void> {
  await withCluster(async (cluster) => {
    const report = await runClusterAction(cluster, action, params);
    const status = await cluster.status();
    console.log(json ? JSON.stringify({ ...report, status }, null, 2) : `${formatReport(report)}\n${formatStatus(status)}`);
    // it ran, but did not reach its goal (e.g. a rewound node that does not stream): a script must be able to tell
    if (!report.ok) process.exitCode = 1;
  });
}

const jsonOption = () => new Option('--json', 'print JSON');

export function addClusterCommands(program: Command): void {
  const cluster = program.command('cluster').description('manage the primary + standby cluster directly')
    .addOption(backendOption());

  for (const [name, description] of [
    ['up', 'build the cluster (or reuse what exists) and start it streaming; --topology: reset to that shape if another runs'],
    ['reset', 'from any state back to a fresh streaming cluster (the saved start state) of the recorded or given topology'],
  ] as const) {
    cluster.command(name).description(description).addOption(jsonOption())
      .addOption(new Option('--topology <name>', 'pair (default), two-standbys or cascade (docs/topologies.md)').choices(TOPOLOGY_NAMES))
      .action((opts: { json?: boolean; topology?: TopologyName }) =>
        act(name, opts.topology ? { topology: opts.topology } : {}, Boolean(opts.json)));
  }

  for (const [name, description] of [
    ['down', 'stop every server of the cluster'],
    ['destroy', 'stop everything and remove what the backend made (data folders, or containers and volumes)'],
  ] as const) {
    cluster.command(name).description(description).addOption(jsonOption())
      .action((opts: { json?: boolean }) => act(name, {}, Boolean(opts.json)));
  }

  cluster.command('status').description('role, state, timeline, LSNs, lag and slot of each node')
    .addOption(jsonOption())
    .action((opts: { json?: boolean }) => withCluster(async (c) => {
      const status = await c.status();
      console.log(opts.json ? JSON.stringify(status, null, 2) : formatStatus(status));
    }));

  for (const [name, description] of [
    ['freeze', 'freeze every server process of a node (docker pause)'],
    ['thaw', 'resume a frozen node (docker unpause)'],
    ['crash', 'immediate stop, as if the machine died (docker kill)'],
    ['stop', 'fast shutdown (docker stop)'],
    ['start', 'start a stopped node'],
    ['promote', 'promote a standby to primary'],
    ['rewind', 'pg_rewind a former primary from the current primary and start it as its standby'],
    ['rebuild', 'replace a node with a fresh base backup of the current primary'],
  ] as const) {
    cluster.command(`${name} <node>`).description(description).addOption(jsonOption())
      .action((node: string, opts: { json?: boolean }) =>
        act(name, { node: parseNodeArg(node) }, Boolean(opts.json)));
  }

  cluster.command('follow <node> <upstream>').description('point a standby at another primary')
    .addOption(jsonOption())
    .action((node: string, upstream: string, opts: { json?: boolean }) =>
      act('follow', { node: parseNodeArg(node), upstream: parseNodeArg(upstream) as NodeName }, Boolean(opts.json)));

  for (const [name, description] of [
    ['partition', 'cut this node off from every other node, both ways; with --peer only the replication link between the two'],
    ['heal', 'undo partition: with --peer that link only; without, the node and every cut link of it'],
  ] as const) {
    cluster.command(`${name} <node>`).description(description).addOption(jsonOption())
      .option('--peer <node>', 'the other end of the one link to act on')
      .action((node: string, opts: { json?: boolean; peer?: string }) =>
        act(name, { node: parseNodeArg(node), ...(opts.peer ? { peer: parseNodeArg(opts.peer) } : {}) }, Boolean(opts.json)));
  }

  cluster.command('sync <on|off|any|first> [num] [nodes...]')
    .description('synchronous_standby_names on the current primary: on (the standby), off, or `any|first <num> <node>…`')
    .addOption(jsonOption())
    .action((value: string, num: string | undefined, nodes: string[], opts: { json?: boolean }) =>
      act('sync', parseSyncArgs(value, num, nodes), Boolean(opts.json)));

  cluster.command('latency <ms>').description('added round-trip time on every replication link, or with --between on one (0 removes it)')
    .addOption(jsonOption())
    .option('--between <nodes...>', 'the two ends of the one link to slow down')
    .action((ms: string, opts: { json?: boolean; between?: string[] }) =>
      act('latency', { ms: parseMs(ms), ...parseBetween(opts.between) }, Boolean(opts.json)));
}
