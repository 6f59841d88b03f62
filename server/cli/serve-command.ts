import type { Command } from 'commander';
import type { Cluster } from '../cluster/cluster';
import { createCluster } from '../cluster/factory';
import { deckOrigins } from '../sidecar/deck-origins';
import { startSidecar, type RunningSidecar } from '../sidecar/start-sidecar';
import { readSnippetFolder } from '../snippets/load';
import { messageOf } from '../../shared/errors';
import { backendOption } from './backend-option';
import { formatStatus } from './format-status';
import { onShutdown, type Shutdown } from './shutdown';

export interface ServeOptions {
  /** default: createCluster() (the backend of PGDEMO_BACKEND or of the state folder) */
  cluster?: Cluster;
  port: number;
  allowEdits: boolean;
  deckPorts: number[];
  keepCluster: boolean;
}

export interface Served {
  cluster: Cluster;
  sidecar: RunningSidecar;
  /** false when the cluster was already running (we reattached): then we leave it running on exit */
  startedCluster: boolean;
  /** settles when the pair is up (at once when we reattached); rejects with why `up` failed */
  clusterUp: Promise<void>;
  /** stops what `serve` started; says what it stopped and what it left running */
  stop(): Promise<string>;
  /** snippet files that do not parse (each named with what is wrong); the others are served */
  brokenSnippets: ReadonlyMap<string, string>;
}

async function bringUp(cluster: Cluster): Promise<void> {
  console.error('Starting the cluster…');
  const report = await cluster.up();
  console.error(`Cluster up in ${report.durationMs} ms${report.method ? ` (${report.method})` : ''}.`);
}

/**
 * Starts the sidecar in front of the cluster and brings the cluster up (or reattaches to it) at the same time: the
 * sidecar answers status and the page's channel at once, and runs wait until the pair is up.
 */
export async function serve(options: ServeOptions): Promise<Served> {
  const cluster = options.cluster ?? createCluster();
  // Reattach to whatever runs (a sidecar killed with -9 left it running): report it as it is, change nothing.
  const wasUp = (await cluster.status()).nodes.some((node) => node.state !== 'stopped');
  const clusterUp = wasUp ? Promise.resolve() : bringUp(cluster);
  clusterUp.catch(() => undefined); // the caller awaits it; a failure must not also be an unhandled rejection
  let sidecar: RunningSidecar;
  let brokenSnippets: ReadonlyMap<string, string> = new Map();
  try {
    const folder = await readSnippetFolder();
    brokenSnippets = folder.broken;
    for (const problem of brokenSnippets.values()) console.error(`Snippet not served: ${problem}`);
    sidecar = await startSidecar({
      cluster,
      snippets: folder.snippets,
      brokenSnippets,
      port: options.port,
      allowEdits: options.allowEdits || process.env.PGDEMO_ALLOW_EDITS === '1',
      allowedOrigins: deckOrigins(options.deckPorts),
      clusterReady: clusterUp,
    });
  } catch (err) {
    await clusterUp.catch(() => undefined);
    if (!wasUp) await cluster.down();
    await cluster.close();
    throw err;
  }
  const startedCluster = !wasUp && !options.keepCluster;
  return {
    cluster,
    sidecar,
    startedCluster,
    clusterUp,
    brokenSnippets,
    async stop() {
      await sidecar.close();
      await clusterUp.catch(() => undefined); // a half-built pair is stopped too
      if (startedCluster) await cluster.down();
      await cluster.close();
      return startedCluster ? 'the sidecar and the cluster it started are stopped'
        : 'the sidecar is stopped; the cluster was already running when it started, so it is left running (`pgdemo cluster down` stops it)';
    },
  };
}

/**
 * Waits for the cluster. If it cannot come up, the sidecar serves on (the deck's Reset may recover the pair, and the
 * status bar says what is wrong): prints why and returns false.
 */
export async function untilClusterUp(served: Served, shutdown?: Shutdown): Promise<boolean> {
  try {
    await served.clusterUp;
    return true;
  } catch (err) {
    if (shutdown?.stopping) return false; // given up because of Ctrl-C: nothing to tell
    const detail = (err as { detail?: string }).detail;
    console.error(`The cluster did not come up: ${messageOf(err)}${detail ? `\n${detail}` : ''}`);
    console.error('The sidecar serves on: "Reset for this demo" in the deck (or `pgdemo cluster reset`) brings back a fresh pair.');
    return false;
  }
}

export function addServeCommand(program: Command): void {
  program.command('serve').description('start the sidecar (and the cluster, if it is not running)')
    .addOption(backendOption())
    .option('-p, --port <port>', 'sidecar port on 127.0.0.1 (0 = any free port)', (v) => Number.parseInt(v, 10), 0)
    .option('--allow-edits', 'also run edited or ad-hoc SQL/shell text (live editing)', false)
    .option('--deck-port <port...>', 'ports the deck is served on (its origins are allowed)', ['3030'])
    .option('--keep-cluster', 'leave the cluster running when the sidecar stops', false)
    .action(async (opts: { port: number; allowEdits: boolean; deckPort: string[]; keepCluster: boolean }) => {
      const cluster = createCluster();
      const serving = serve({
        cluster,
        port: opts.port,
        allowEdits: opts.allowEdits,
        deckPorts: opts.deckPort.map(Number),
        keepCluster: opts.keepCluster,
      });
      serving.catch(() => undefined); // awaited below
      // registered before anything has started, so a Ctrl-C at any moment stops what has
      const shutdown = onShutdown(async () => {
        cluster.interrupt(); // a build under way gives up at its next step
        return (await serving.catch(() => undefined))?.stop();
      }, () => `The cluster in ${cluster.stateDir} may still run or be half built: \`pgdemo cluster down\` stops it.`);
      const served = await serving;
      await Promise.race([untilClusterUp(served, shutdown), shutdown.requested]);
      if (shutdown.stopping) return;
      console.log(formatStatus(await served.cluster.status()));
      console.log(`Sidecar listening on ${served.sidecar.url} (token in ${served.cluster.stateDir}/sidecar.json)`);
      if (served.sidecar.allowEdits) console.log('Live editing is ON: edited and ad-hoc text will run.');
    });
}
