// Runs one psql (the real one or ours) with given arguments, stdin and environment; what it printed and its exit code.
import { spawn } from 'node:child_process';
import type { ScratchServer } from '../../../../../testing/scratch-servers';

/** The system's PATH only: the real psql where one is installed, never the project's launchers. */
export const SYSTEM_PATH = '/usr/local/bin:/usr/bin:/bin';

/** The environment either psql runs in: `database` on `server`, no startup file, ours from `bundle`. */
export function psqlEnv(server: ScratchServer, database: string, home: string, bundle: string): Record<string, string> {
  return {
    PATH: SYSTEM_PATH, LANG: 'C.UTF-8', HOME: home, PSQLRC: '/dev/null',
    PGHOST: server.socketDir, PGPORT: String(server.port), PGDATABASE: database,
    PGDEMO_NODE_BIN: process.execPath, PGDEMO_TOOLS_BUNDLE: bundle,
  };
}

export interface PsqlRun {
  /** as printed: compared byte for byte (a binary COPY is no UTF-8) */
  stdout: Buffer;
  stderr: Buffer;
  code: number | null;
}

export function runPsql(command: string, args: string[], options: {
  env: Record<string, string>;
  stdin?: string;
  user?: { uid: number; gid: number };
  cwd?: string;
}): Promise<PsqlRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      env: options.env, cwd: options.cwd ?? '/', stdio: ['pipe', 'pipe', 'pipe'], ...(options.user ?? {}),
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', reject);
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ stdout: Buffer.concat(out), stderr: Buffer.concat(err), code });
    });
    child.stdin.on('error', () => undefined); // psql may not read its stdin at all
    child.stdin.end(options.stdin ?? '');
  });
}

/**
 * The bytes to compare, as text that keeps each byte: the only differences allowed are how long a statement took
 * ("Time: 0.412 ms") and which server process sent a notification (each tool has its own).
 */
export const comparable = (output: Buffer) => output.toString('latin1')
  .replace(/^Time: \d+\.\d{3} ms(?: \([^)]*\))?$/gm, 'Time: N ms')
  .replace(/^(Asynchronous notification .* received from server process with PID )\d+\.$/gm, '$1N.');
