// What every shell snippet's environment has, whatever the backend: nothing inherited from the sidecar, a scratch
// folder as HOME and TMPDIR, no pager, no psqlrc, terminal.bash loaded before the snippet (a bounded `watch`), and
// portable-bin/ first on PATH (where the system's tools are BSD's: a `date` that gives the seed's `date +%s.%N` its
// nanoseconds, a `setsid` where there is none).
import { fileURLToPath } from 'node:url';
import type { ControlEndpoint } from '../../cluster/driver';

export const TERMINAL_SHIM = fileURLToPath(new URL('./terminal.bash', import.meta.url));
const NET_SCRIPT = fileURLToPath(new URL('./pgdemo-net.mjs', import.meta.url));
const RESET_SCRIPT = fileURLToPath(new URL('./pgdemo-reset.mjs', import.meta.url));
/** GNU behaviour the seed's commands rely on, where the system's tools lack it (each file there says what) */
export const PORTABLE_BIN = fileURLToPath(new URL('./portable-bin', import.meta.url));
export const SYSTEM_PATH = ['/usr/local/bin', '/usr/bin', '/bin'];

export interface BaseEnvironmentOptions {
  /** PATH entries, first wins (after PORTABLE_BIN); duplicates are dropped */
  path: string[];
  scratchDir: string;
  /** the file bash reads before the snippet (BASH_ENV); a backend's own shim sources TERMINAL_SHIM itself */
  bashEnv?: string;
  /** the sidecar, for the commands that ask it for cluster operations (pgdemo-net, the embedded docker shim) */
  control?: ControlEndpoint;
  extra?: Record<string, string>;
}

export function baseShellEnvironment(options: BaseEnvironmentOptions): Record<string, string> {
  return {
    LANG: 'C.UTF-8',
    TERM: 'dumb',
    PAGER: 'cat',
    PSQLRC: '/dev/null',
    HOME: options.scratchDir,
    TMPDIR: options.scratchDir,
    // bash reads BASH_ENV before the -c script of every non-interactive shell, without shifting line numbers
    BASH_ENV: options.bashEnv ?? TERMINAL_SHIM,
    PGDEMO_TERMINAL_SHIM: TERMINAL_SHIM,
    PGDEMO_NODE_BIN: process.execPath,
    PGDEMO_NET_SCRIPT: NET_SCRIPT,
    PGDEMO_RESET_SCRIPT: RESET_SCRIPT,
    ...(options.control ? { PGDEMO_CONTROL_URL: options.control.url, PGDEMO_CONTROL_TOKEN: options.control.token } : {}),
    ...options.extra,
    PATH: [...new Set([PORTABLE_BIN, ...options.path.filter(Boolean)])].join(':'),
  };
}
