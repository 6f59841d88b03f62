// A WebSocket handshake refused with an HTTP answer on the raw socket, as a refused request would be answered: the
// status and the sidecar's JSON error body, then the connection closed.
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';

export function refuseUpgrade(socket: Duplex, status: number, error: { code: string; message: string; detail?: string }): void {
  const body = JSON.stringify(error.detail ? error : { code: error.code, message: error.message });
  socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status] ?? error.code}\r\nContent-Type: application/json; charset=utf-8\r\n`
    + `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
}
