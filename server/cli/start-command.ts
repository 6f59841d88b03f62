import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { backendOption } from './backend-option';
import { ensureDeckBuilt } from '../deck/deck-build';
import { inProcessApi, inProcessUpgrade, offlineApi } from '../deck/in-process-api';
import { serveDeck, type RunningDeck } from '../deck/serve-deck';
import { isPortFree } from '../system/ports';
import { formatStatus } from './format-status';
import type { Served } from './serve-command';
import { onShutdown, stoppedBySignal } from './shutdown';

const projectRoot = fileURLToPath(new URL('../..', import.meta.url));
// `npm run export`'s PDFs, for the deck's download button
const exportsDir = process.env.PGDEMO_EXPORTS_DIR || join(projectRoot, 'exports');

async function firstFreePort(from: number, count: number): Promise<number> {
  for (let port = from; port < from + count; port++) if (await isPortFree(port)) return port;
  throw new Error(`no free port in ${from}–${from + count - 1} for the deck`);
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

export function addStartCommand(program: Command): void {
  program.command('start').description('start the cluster, the sidecar and the deck; Ctrl-C stops all of them')
    .addOption(backendOption())
    .option('--deck-port <port>', 'first port to try for the deck', (v) => Number.parseInt(v, 10), 3030)
    .option('--allow-edits', 'also run edited or ad-hoc SQL/shell text (live editing)', false)
    .option('--offline', 'only the deck, every block showing its recording (recordings/): no cluster, no sidecar', false)
    .action(async (opts: { deckPort: number; allowEdits: boolean; offline: boolean }) => {
      const deckPort = await firstFreePort(opts.deckPort, 10);
      if (opts.offline) {
        await startOffline(deckPort);
        return;
      }
      // The deck is presented from its build (rebuilt first only if its sources changed), served by this process with
      // the sidecar's API in-process. The deck listens first; the sidecar's modules load and the cluster comes up
      // meanwhile, so the slides render while the pair starts.
      const deckBuilt = ensureDeckBuilt(projectRoot, { log: (line) => console.error(line) });
      deckBuilt.catch(() => undefined); // awaited below
      const serveModule = import('./serve-command');
      const serving: Promise<Served> = serveModule.then(({ serve }) =>
        serve({ port: 0, allowEdits: opts.allowEdits, deckPorts: [deckPort], keepCluster: false }));
      const sidecar = serving.then((served) => served.sidecar);
      for (const pending of [serving, sidecar]) pending.catch(() => undefined); // awaited below, or by each request
      const stopServing = async (): Promise<string | undefined> => {
        const served = await serving.catch(() => undefined);
        served?.cluster.interrupt(); // a build under way gives up at its next step
        return served?.stop();
      };
      let deck: Promise<RunningDeck> | undefined;
      // before anything else can start: from here a Ctrl-C stops whatever has started, at any moment
      const shutdown = onShutdown(async () => {
        const [, stopped] = await Promise.all([deck?.then((d) => d.close(), () => undefined), stopServing()]);
        return `the deck server${stopped ? `; ${stopped}` : ''}`;
      }, () => `The cluster in ${process.env.PGDEMO_CLUSTER_DIR || '.cluster'} may still run or be half built: \`pgdemo cluster down\` stops it.`);
      try {
        await deckBuilt;
        if (shutdown.stopping) return;
        deck = serveDeck({ distDir: join(projectRoot, 'dist'), exportsDir, port: deckPort, api: inProcessApi(sidecar),
          upgrade: inProcessUpgrade(sidecar) });
        await deck;
      } catch (err) {
        if (await stoppedBySignal(shutdown)) return;
        await stopServing();
        throw err;
      }
      if (shutdown.stopping) return;
      console.log(`Deck:    http://localhost:${deckPort}/   (presenter view: http://localhost:${deckPort}/presenter/)`);
      let served: Served;
      try {
        served = await serving;
      } catch (err) {
        if (await stoppedBySignal(shutdown)) return;
        await (await deck).close();
        throw err;
      }
      const up = await Promise.race([(await serveModule).untilClusterUp(served, shutdown), shutdown.requested.then(() => false)]);
      if (shutdown.stopping) return;
      console.log(formatStatus(await served.cluster.status()));
      console.log(`\nSidecar: ${served.sidecar.url}`);
      if (served.sidecar.allowEdits) console.log('Live editing is ON: a block\'s Edit button runs edited text.');
      // performance.now() counts from this process's start
      if (up) console.log(`Ready in ${seconds(performance.now())}: the deck at http://localhost:${deckPort}/ with a streaming pair behind it.`);
      else console.log(`Serving in ${seconds(performance.now())}, but the cluster is NOT up (above): the deck at http://localhost:${deckPort}/ shows why; its Reset may recover it.`);
      console.log('Press Ctrl-C to stop the deck, the sidecar and the cluster. (`npm run deck` serves the slides for editing.)');
    });
}

/** `--offline`: the built deck alone; /api answers that there is no sidecar, so every block shows its recording. */
async function startOffline(deckPort: number): Promise<void> {
  await ensureDeckBuilt(projectRoot, { log: (line) => console.error(line) });
  const deck = await serveDeck({ distDir: join(projectRoot, 'dist'), exportsDir, port: deckPort, api: offlineApi() });
  onShutdown(() => deck.close());
  console.log(`Deck:    http://localhost:${deckPort}/   (presenter view: http://localhost:${deckPort}/presenter/)`);
  console.log(`Ready in ${seconds(performance.now())}: offline, every block shows the result rehearse recorded (recordings/).`);
  console.log('Press Ctrl-C to stop the deck.');
}
