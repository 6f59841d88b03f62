// Who is connecting, from the first bytes a PostgreSQL client sends (the protocol's StartupMessage): its
// application_name, which each node's primary_conninfo sets to the node's own (naming.ts). The relay reads no further.
// An SSLRequest or GSSENCRequest before it is answered 'N' (no encryption on this loopback "network"; the embedded
// servers run without ssl anyway), so the StartupMessage that follows is in the clear.
// https://www.postgresql.org/docs/current/protocol-message-formats.html

const SSL_REQUEST = 80877103;
const GSSENC_REQUEST = 80877104;
const PROTOCOL_3 = 3;
/** a StartupMessage is a few hundred bytes; anything claiming more is not one */
const MAX_STARTUP = 10_000;

export type StartupReading =
  | { wait: true }
  /** an encryption request, answered: read on from `rest` */
  | { wait?: false; again: true; answer: Buffer; rest: Buffer; applicationName?: undefined }
  /** done: `rest` is every byte read, to forward as it is; no application_name when the client sent none or is not PostgreSQL */
  | { wait?: false; again?: false; answer?: undefined; rest: Buffer; applicationName?: string };

export function readStartup(seen: Buffer): StartupReading {
  if (seen.length < 8) return { wait: true };
  const length = seen.readInt32BE(0);
  if (length < 8 || length > MAX_STARTUP) return { rest: seen };
  const code = seen.readInt32BE(4);
  if (length === 8 && (code === SSL_REQUEST || code === GSSENC_REQUEST)) {
    return { again: true, answer: Buffer.from('N'), rest: seen.subarray(8) };
  }
  if (code >>> 16 !== PROTOCOL_3) return { rest: seen };
  if (seen.length < length) return { wait: true };
  const fields = seen.subarray(8, length).toString('utf8').split('\0');
  for (let i = 0; i + 1 < fields.length; i += 2) {
    if (fields[i] === 'application_name') return { rest: seen, applicationName: fields[i + 1]! };
  }
  return { rest: seen };
}
