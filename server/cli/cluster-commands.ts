import type { Command } from 'commander';
import { createCluster } from '../cluster/factory';
import { runClusterAction, type ActionParams } from '../operations';
import type { NodeName } from '../types';
import { formatReport, formatStatus } from './format-status';
import { parseNodeArg, parseOnOff } from './node-arg';

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
    console.log(json ? JSON.stringify({ ok: true, ...report, status }, null, 2) : `${formatReport(report)}\n${formatStatus(status)}`);
  });
}

export function addClusterCommands(program: Command): void {
  const cluster = program.command('cluster').description('manage the primary + standby cluster directly');

  for (const [name, description] of [
    ['up', 'build the pair (or reuse what is on disk) and start it streaming'],
    ['down', 'stop every server process of the cluster'],
    ['reset', 'from any state back to a fresh streaming pair (golden copy)'],
  ] as const) {
    cluster.command(name).description(description).option('--json', 'print JSON')
      .action((opts: { json?: boolean }) => act(name, {}, Boolean(opts.json)));
  }

  cluster.command('status').description('role, state, timeline, LSNs, lag and slot of each node')
    .option('--json', 'print JSON')
    .action((opts: { json?: boolean }) => withCluster(async (c) => {
      const status = await c.status();
      console.log(opts.json ? JSON.stringify(status, null, 2) : formatStatus(status));
    }));

  for (const [name, description] of [
    ['freeze', 'SIGSTOP every server process of a node (docker pause)'],
    ['thaw', 'resume a frozen node (docker unpause)'],
    ['crash', 'immediate stop, as if the machine died'],
    ['stop', 'fast shutdown'],
    ['start', 'start a stopped node'],
    ['promote', 'promote a standby to primary'],
    ['rewind', 'pg_rewind a former primary from the current primary and start it as its standby'],
    ['rebuild', 'replace a node with a fresh base backup of the current primary'],
  ] as const) {
    cluster.command(`${name} <node>`).description(description).option('--json', 'print JSON')
      .action((node: string, opts: { json?: boolean }) =>
        act(name, { node: parseNodeArg(node) }, Boolean(opts.json)));
  }

  cluster.command('follow <node> <upstream>').description('point a standby at another primary')
    .option('--json', 'print JSON')
    .action((node: string, upstream: string, opts: { json?: boolean }) =>
      act('follow', { node: parseNodeArg(node), upstream: parseNodeArg(upstream) as NodeName }, Boolean(opts.json)));

  cluster.command('sync <on|off>').description('synchronous_standby_names on the current primary')
    .option('--json', 'print JSON')
    .action((value: string, opts: { json?: boolean }) => act('sync', { on: parseOnOff(value) }, Boolean(opts.json)));
}
