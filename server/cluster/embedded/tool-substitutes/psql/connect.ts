// Opening the session, and saying why it failed in libpq's words ("connection to server on socket … failed: …").
import { readFileSync, statSync } from 'node:fs';
import { isIP } from 'node:net';
import { homedir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { RAW_TEXT_TYPES } from '../../../../runner/sql/run-statement';
import { isSocketHost, type ConnParams } from './conninfo';
import { serverMessageText } from './error-text';

export class ConnectError extends Error {
  /** warnings libpq prints before failing (a pgpass file with loose permissions) */
  constructor(message: string, readonly warnings: string[] = []) {
    super(message);
  }
}

export interface Connected {
  client: pg.Client;
  warnings: string[];
}

/** A password file line's fields: `:` separates, `\\` escapes the next character. */
function passFields(line: string): string[] {
  const fields: string[] = [];
  let field = '';
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (ch === '\\' && i + 1 < line.length) {
      field += line[++i];
    } else if (ch === ':' && fields.length < 4) {
      fields.push(field);
      field = '';
    } else {
      field += ch;
    }
  }
  fields.push(field);
  return fields;
}

/** libpq's password file lookup: host:port:database:user:password, `*` matches anything. */
export function passwordFromFile(params: ConnParams, env: NodeJS.ProcessEnv, warnings: string[]): string | undefined {
  const file = env.PGPASSFILE || join(env.HOME || homedir(), '.pgpass');
  let text: string;
  try {
    const stat = statSync(file);
    if (!stat.isFile()) return undefined;
    if (stat.mode & 0o077) {
      warnings.push(`WARNING: password file "${file}" has group or world access; permissions should be u=rw (0600) or less`);
      return undefined;
    }
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  const host = isSocketHost(params.host) ? 'localhost' : params.host;
  const wanted = [host, String(params.port), params.database, params.user];
  for (const line of text.split('\n')) {
    if (!line.trim() || line.startsWith('#')) continue;
    const fields = passFields(line);
    if (fields.length < 5) continue;
    if (wanted.every((value, i) => fields[i] === '*' || fields[i] === value)) return fields[4];
  }
  return undefined;
}

function describeTarget(params: ConnParams, address?: string): string {
  if (isSocketHost(params.host)) return `connection to server on socket "${params.host}/.s.PGSQL.${params.port}"`;
  const shownAddress = address && isIP(params.host) === 0 ? ` (${address})` : '';
  return `connection to server at "${params.host}"${shownAddress}, port ${params.port}`;
}

const SYSTEM_ERRORS: Record<string, string> = {
  ENOENT: 'No such file or directory',
  ECONNREFUSED: 'Connection refused',
  EACCES: 'Permission denied',
  EHOSTUNREACH: 'No route to host',
  ENETUNREACH: 'Network is unreachable',
  ETIMEDOUT: 'Connection timed out',
  ECONNRESET: 'Connection reset by peer',
};

function reasonOf(err: unknown, params: ConnParams, timedOut: boolean): string {
  if (timedOut) return 'timeout expired\n';
  if (err instanceof pg.DatabaseError) return serverMessageText(err, undefined, true);
  const code = (err as NodeJS.ErrnoException).code ?? '';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return `could not translate host name "${params.host}" to address: Name or service not known\n`;
  }
  const text = SYSTEM_ERRORS[code] ?? (err instanceof Error ? err.message : String(err));
  if (code === 'ECONNREFUSED' || code === 'ENOENT') {
    return isSocketHost(params.host)
      ? `${text}\n\tIs the server running locally and accepting connections on that socket?\n`
      : `${text}\n\tIs the server running on that host and accepting TCP/IP connections?\n`;
  }
  if (/password must be a string|no password/i.test(text)) return 'fe_sendauth: no password supplied\n';
  return `${text}\n`;
}

export async function connect(params: ConnParams, env: NodeJS.ProcessEnv = process.env): Promise<Connected> {
  const warnings: string[] = [];
  const password = params.password ?? passwordFromFile(params, env, warnings);
  const client = new pg.Client({
    host: params.host,
    port: params.port,
    user: params.user,
    database: params.database,
    // a function keeps pg from reading the password file itself (it would print a deprecation warning); without a
    // password pg fails the authentication exchange, which reads as libpq's "no password supplied"
    password: (async () => password) as () => Promise<string>,
    options: params.options,
    application_name: params.applicationName,
    connectionTimeoutMillis: params.connectTimeout * 1000,
    types: RAW_TEXT_TYPES,
  });
  // after a FATAL the server closes the socket: pg reports that as an 'error' event, the query already failed
  client.on('error', () => undefined);
  const started = performance.now();
  try {
    await client.connect();
    return { client, warnings };
  } catch (err) {
    const timedOut = params.connectTimeout > 0 && performance.now() - started >= params.connectTimeout * 1000 - 50;
    const address = (err as { address?: string }).address;
    throw new ConnectError(`${describeTarget(params, address)} failed: ${reasonOf(err, params, timedOut)}`, warnings);
  }
}
