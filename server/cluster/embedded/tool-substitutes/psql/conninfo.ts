// Where psql connects, decided as libpq decides it: the command line (a conninfo string or URI given as the database
// wins over -h/-p/-U, as psql passes it last with expand_dbname), then PG* environment variables, then defaults.
import { existsSync } from 'node:fs';
import { userInfo } from 'node:os';

export interface ConnParams {
  host: string;
  port: number;
  user: string;
  database: string;
  password?: string;
  options?: string;
  applicationName: string;
  /** seconds; 0 = wait forever (libpq's default) */
  connectTimeout: number;
}

type Settings = Partial<Record<string, string>>;

const KNOWN_KEYS = new Set([
  'host', 'hostaddr', 'port', 'dbname', 'user', 'password', 'passfile', 'options', 'application_name',
  'fallback_application_name', 'connect_timeout', 'client_encoding', 'sslmode', 'sslnegotiation', 'sslcompression',
  'sslcert', 'sslkey', 'sslrootcert', 'sslcrl', 'sslsni', 'ssl_min_protocol_version', 'ssl_max_protocol_version',
  'gssencmode', 'krbsrvname', 'gsslib', 'target_session_attrs', 'channel_binding', 'keepalives', 'keepalives_idle',
  'keepalives_interval', 'keepalives_count', 'tcp_user_timeout', 'replication', 'requirepeer', 'service',
  'load_balance_hosts', 'require_auth', 'requiressl',
]);

export class ConninfoError extends Error {}

export function isConninfo(dbname: string): boolean {
  return dbname.includes('=') || /^postgres(?:ql)?:\/\//.test(dbname);
}

/** `key=value key2='quoted \' value'` */
export function parseKeywordValue(text: string): Settings {
  const settings: Settings = {};
  let i = 0;
  const blank = (ch: string | undefined) => ch !== undefined && /\s/.test(ch);
  while (i < text.length) {
    while (blank(text[i])) i++;
    if (i >= text.length) break;
    let key = '';
    while (i < text.length && text[i] !== '=' && !blank(text[i])) key += text[i++];
    while (blank(text[i])) i++;
    if (text[i] !== '=') throw new ConninfoError(`missing "=" after "${key}" in connection info string`);
    i++;
    while (blank(text[i])) i++;
    let value = '';
    if (text[i] === "'") {
      i++;
      for (;;) {
        if (i >= text.length) throw new ConninfoError('unterminated quoted string in connection info string');
        const ch = text[i]!;
        if (ch === '\\' && i + 1 < text.length) {
          value += text[i + 1];
          i += 2;
        } else if (ch === "'") {
          i++;
          break;
        } else {
          value += ch;
          i++;
        }
      }
    } else {
      while (i < text.length && !blank(text[i])) {
        if (text[i] === '\\' && i + 1 < text.length) i++;
        value += text[i++];
      }
    }
    if (!KNOWN_KEYS.has(key)) throw new ConninfoError(`invalid connection option "${key}"`);
    settings[key] = value;
  }
  return settings;
}

/** postgresql://user:password@host:port/dbname?key=value */
export function parseUri(text: string): Settings {
  let url: URL;
  try {
    url = new URL(text.replace(/^postgres(?:ql)?:/, 'pgdemo:'));
  } catch {
    throw new ConninfoError(`invalid URI: "${text}"`);
  }
  const settings: Settings = {};
  if (url.username) settings.user = decodeURIComponent(url.username);
  if (url.password) settings.password = decodeURIComponent(url.password);
  if (url.hostname) settings.host = decodeURIComponent(url.hostname.replace(/^\[|\]$/g, ''));
  if (url.port) settings.port = url.port;
  const path = decodeURIComponent(url.pathname.replace(/^\//, ''));
  if (path) settings.dbname = path;
  for (const [key, value] of url.searchParams) {
    if (!KNOWN_KEYS.has(key)) throw new ConninfoError(`invalid URI query parameter: "${key}"`);
    settings[key] = value;
  }
  return settings;
}

/** The settings a conninfo string or URI given as a database name expands to (libpq's expand_dbname); {} for a plain name. */
export function expandConninfo(dbname: string): Settings {
  if (!isConninfo(dbname)) return {};
  return /^postgres(?:ql)?:\/\//.test(dbname) ? parseUri(dbname) : parseKeywordValue(dbname);
}

/** Debian's libpq looks in /var/run/postgresql, upstream's in /tmp. */
function defaultSocketDir(): string {
  return existsSync('/var/run/postgresql') ? '/var/run/postgresql' : '/tmp';
}

export interface CommandLineTarget {
  host?: string;
  port?: string;
  user?: string;
  dbname?: string;
}

export function resolveConnection(target: CommandLineTarget, env: NodeJS.ProcessEnv = process.env): ConnParams {
  const given: Settings = { host: target.host, port: target.port, user: target.user };
  if (target.dbname !== undefined) {
    if (isConninfo(target.dbname)) {
      const expanded = expandConninfo(target.dbname);
      Object.assign(given, Object.fromEntries(Object.entries(expanded).filter(([, v]) => v !== undefined)));
    } else {
      given.dbname = target.dbname;
    }
  }
  const pick = (key: string, envName: string) => (given[key] || undefined) ?? (env[envName] || undefined);
  const user = pick('user', 'PGUSER') ?? userInfo().username;
  const portText = pick('port', 'PGPORT') ?? '5432';
  const port = Number(portText);
  if (!Number.isInteger(port) || port <= 0 || port > 65535) throw new ConninfoError(`invalid port number: "${portText}"`);
  const timeoutText = pick('connect_timeout', 'PGCONNECT_TIMEOUT') ?? '0';
  const params: ConnParams = {
    host: pick('host', 'PGHOST') ?? defaultSocketDir(),
    port,
    user,
    database: pick('dbname', 'PGDATABASE') ?? user,
    applicationName: pick('application_name', 'PGAPPNAME') ?? given.fallback_application_name ?? 'psql',
    connectTimeout: Math.max(0, Number.parseInt(timeoutText, 10) || 0),
  };
  const password = pick('password', 'PGPASSWORD');
  if (password !== undefined) params.password = password;
  const options = pick('options', 'PGOPTIONS');
  if (options !== undefined) params.options = options;
  return params;
}

export const isSocketHost = (host: string) => host.startsWith('/') || host.startsWith('@');
