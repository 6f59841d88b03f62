// WebSocket upgrades under `/api` (the page's channel, `/api/channel`) → the sidecar, with the token added here as
// api-proxy.ts adds it to requests, then the bytes passed both ways until either side closes. Used by the Vite dev and
// preview servers (vite.config.ts) and by `npm run serve:deck`. Host and Origin pass through unchanged: the sidecar
// checks both. A refused handshake (no token, wrong origin) comes back with the sidecar's own status and body.
import { request, type IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { UpgradeHandler } from '../channel/page-channel.ts';
import { refuseUpgrade } from '../system/refuse-upgrade.ts';
import { isApiPath, type SidecarLocator } from './api-proxy.ts';

/** The status line and headers of an answer, as they go on a raw socket. */
function head(res: IncomingMessage): string {
  const lines = [`HTTP/1.1 ${res.statusCode} ${res.statusMessage}`];
  for (let i = 0; i < res.rawHeaders.length; i += 2) lines.push(`${res.rawHeaders[i]}: ${res.rawHeaders[i + 1]}`);
  return `${lines.join('\r\n')}\r\n\r\n`;
}

/** Each side's end or failure ends the other: a sidecar that dies closes the page's channel at once, and back. */
function joinBothWays(page: Duplex, sidecar: Duplex): void {
  sidecar.pipe(page).pipe(sidecar);
  for (const [one, other] of [[page, sidecar], [sidecar, page]] as const) {
    one.on('error', () => other.destroy());
    one.on('close', () => other.destroy());
  }
}

export function apiUpgradeProxy(locate: SidecarLocator): UpgradeHandler {
  return (req, socket, firstBytes) => {
    if (!isApiPath(req.url ?? '/')) {
      socket.destroy();
      return;
    }
    socket.on('error', () => socket.destroy());
    void locate().then((sidecar) => {
      if (!sidecar) {
        refuseUpgrade(socket, 503, { code: 'NO_SIDECAR', message: 'The sidecar is not running (no sidecar.json): start it with `npm start` or `npm run serve`.' });
        return;
      }
      const headers = { ...req.headers, authorization: `Bearer ${sidecar.token}` };
      delete headers.cookie; // the browser's credentials for the deck are not the sidecar's business
      const upstream = request(new URL(req.url ?? '/', sidecar.url), { method: 'GET', headers });
      let upgraded = false;
      upstream.on('upgrade', (res, sidecarSocket, sidecarFirstBytes) => {
        upgraded = true;
        socket.write(head(res));
        if (sidecarFirstBytes.length) socket.write(sidecarFirstBytes);
        if (firstBytes.length) sidecarSocket.write(firstBytes);
        joinBothWays(socket, sidecarSocket);
      });
      upstream.on('response', (res) => {
        socket.write(head(res));
        res.pipe(socket);
      });
      upstream.on('error', (err: NodeJS.ErrnoException) => {
        refuseUpgrade(socket, 502, { code: 'NO_SIDECAR', message: `The sidecar at ${sidecar.url} did not answer (${err.code ?? err.message}). Is it running?` });
      });
      // the page gave up during the handshake: so does the request to the sidecar
      socket.once('close', () => { if (!upgraded) upstream.destroy(); });
      upstream.end();
    }, () => socket.destroy());
  };
}
