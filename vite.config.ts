// Merged by Slidev into its own Vite config (dev server, build, export). The deck reaches the sidecar only through
// `/api` on its own origin — its channel is a WebSocket there; this proxy (the same one the built deck's server uses)
// adds the token, to requests and to the channel's handshake.
import { existsSync } from 'node:fs';
import { isAbsolute, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Server } from 'node:http';
import { defineConfig, type Plugin } from 'vite';
// `.ts` spelled out (here and in what it imports): Vite's native config loader, its planned default, needs it.
import { apiProxyMiddleware, defaultStateDir, isApiPath, sidecarFromStateDir } from './server/deck/api-proxy.ts';
import { apiUpgradeProxy } from './server/deck/api-upgrade.ts';
import { isDeckInput } from './server/deck/deck-inputs.ts';
import { codeFontCss } from './server/deck/code-font.ts';

const projectRoot = fileURLToPath(new URL('.', import.meta.url));

function sidecarProxy(): Plugin {
  const sidecar = sidecarFromStateDir(defaultStateDir(projectRoot));
  const proxy = apiProxyMiddleware(sidecar);
  const upgrade = apiUpgradeProxy(sidecar);
  // Vite's own WebSocket (hot reload, Slidev's sync of the two windows) listens beside this one: only /api is ours
  const proxyChannel = (httpServer: Server | null) => httpServer?.on('upgrade', (req, socket, head) => {
    if (isApiPath(req.url ?? '/')) upgrade(req, socket, head);
  });
  return {
    name: 'pgdemo-sidecar-proxy',
    configureServer(server) {
      server.middlewares.use((req, res, next) => void proxy(req, res, next));
      proxyChannel(server.httpServer as Server | null);
    },
    configurePreviewServer(server) {
      server.middlewares.use((req, res, next) => void proxy(req, res, next));
      proxyChannel(server.httpServer as Server | null);
    },
  };
}

/** `virtual:pgdemo-code-font.css`: the code font cut to the deck's characters (server/deck/code-font.ts). */
function codeFont(): Plugin {
  const id = 'virtual:pgdemo-code-font.css';
  const resolved = `\0${id}`;
  return {
    name: 'pgdemo-code-font',
    resolveId: (source) => (source === id ? resolved : undefined),
    load: (loaded) => (loaded === resolved ? codeFontCss(`${projectRoot}node_modules/.cache/pgdemo-fonts`) : undefined),
  };
}

/** Fails the build when it bundles a project file that `npm start`'s rebuild check does not hash. */
function deckInputsGuard(): Plugin {
  return {
    name: 'pgdemo-deck-inputs-guard',
    apply: 'build',
    buildEnd(error) {
      if (error) return;
      // real files of the project only: not packages, not virtual modules (icons, Slidev's generated index.html)
      const outside = [...this.getModuleIds()]
        .map((id) => id.replace(/[?#].*$/, ''))
        .filter((path) => isAbsolute(path) && existsSync(path))
        .map((path) => relative(projectRoot, path))
        .filter((file) => !file.startsWith('..') && !file.includes('node_modules/') && !isDeckInput(file));
      if (outside.length) {
        this.error(`The deck bundles ${[...new Set(outside)].join(', ')}, which server/deck/deck-inputs.ts does not list: `
          + 'add it there, or `npm start` would not rebuild the deck when it changes.');
      }
    },
  };
}

export default defineConfig({
  plugins: [sidecarProxy(), codeFont(), deckInputsGuard()],
  // found only when a slide with a lag chart renders, the dev server would bundle it then and reload the page: an
  // export (`npm run export`, a dev server in print mode) on a cold cache lost its first 30 s to that reload
  optimizeDeps: { include: ['chart.js'] },
});
