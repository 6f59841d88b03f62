// `npm run serve:deck [-- --port N]`: the built deck (dist/) with /api, the page's channel included, proxied to the
// sidecar found in sidecar.json.
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { apiProxyMiddleware, defaultStateDir, sidecarFromStateDir } from './api-proxy';
import { apiUpgradeProxy } from './api-upgrade';
import { serveDeck } from './serve-deck';

const projectRoot = fileURLToPath(new URL('../..', import.meta.url));

const opts = new Command('serve-deck')
  .option('-p, --port <port>', 'port on 127.0.0.1', (v) => Number.parseInt(v, 10), 3031)
  .option('--dist <dir>', 'the built deck', `${projectRoot}dist`)
  .parse()
  .opts<{ port: number; dist: string }>();

const stateDir = defaultStateDir(projectRoot);
const sidecar = sidecarFromStateDir(stateDir);
const deck = await serveDeck({
  distDir: opts.dist, exportsDir: `${projectRoot}exports`, port: opts.port, api: apiProxyMiddleware(sidecar), upgrade: apiUpgradeProxy(sidecar),
});
console.log(`Deck: ${deck.url}/   (presenter view: ${deck.url}/presenter/)   sidecar from ${stateDir}/sidecar.json`);

const stop = () => void deck.close().then(() => process.exit(0));
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
