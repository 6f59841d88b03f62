// Merged by Slidev into its own Vite config (dev server, build, export). The deck reaches the sidecar only through
// `/api` on its own origin; this proxy (the same one the built deck's server uses) adds the token.
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
// `.ts` spelled out (here and in what it imports): Vite's native config loader, its planned default, needs it.
import { apiProxyMiddleware, defaultStateDir, sidecarFromStateDir } from './server/deck/api-proxy.ts';

const projectRoot = fileURLToPath(new URL('.', import.meta.url));

function sidecarProxy(): Plugin {
  const proxy = apiProxyMiddleware(sidecarFromStateDir(defaultStateDir(projectRoot)));
  return {
    name: 'pgdemo-sidecar-proxy',
    configureServer(server) {
      server.middlewares.use((req, res, next) => void proxy(req, res, next));
    },
    configurePreviewServer(server) {
      server.middlewares.use((req, res, next) => void proxy(req, res, next));
    },
  };
}

export default defineConfig({
  plugins: [sidecarProxy()],
});
