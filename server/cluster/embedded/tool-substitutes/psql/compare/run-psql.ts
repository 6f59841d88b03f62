// Runs one psql (the real one or ours) with given arguments, stdin and environment; what it printed and its exit code.
import { spawn } from 'node:child_process';

export interface PsqlRun {
  stdout: string;
  stderr: string;
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
      resolve({ stdout: Buffer.concat(out).toString(), stderr: Buffer.concat(err).toString(), code });
    });
    child.stdin.on('error', () => undefined); // psql may not read its stdin at all
    child.stdin.end(options.stdin ?? '');
  });
}

/** The only difference allowed: how long a statement took ("Time: 0.412 ms"). */
export const withoutTimings = (text: string) => text.replace(/^Time: \d+\.\d{3} ms(?: \([^)]*\))?$/gm, 'Time: N ms');
