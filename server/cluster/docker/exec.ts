// Runs a command inside a container through the Engine API (no docker CLI needed, so a remote engine works):
// stdout and stderr kept apart, the exit code, and a deadline that also ends the command inside the container.
import { PassThrough } from 'node:stream';
import type Docker from 'dockerode';
import { DemoError } from '../../../shared/errors';
import { statusOf } from './engine';

export interface ExecOptions {
  /** default postgres: PostgreSQL's tools refuse root */
  user?: string;
  /** default 30 s; the command is run under coreutils `timeout`, so it does not outlive the call */
  timeoutMs?: number;
  env?: Record<string, string>;
  /** written to the command's stdin, which is then closed */
  stdin?: string;
  workingDir?: string;
}

export interface ExecResult {
  exitCode: number;
  stdout: string;
  stderr: string;
  durationMs: number;
}

/** `timeout` reports a deadline with 124 (TERM was enough) or 137 (it needed KILL). */
const TIMEOUT_EXIT_CODES = new Set([124, 137]);
/** after this grace the client gives up too, even if the engine never answers */
const CLIENT_GRACE_MS = 5_000;

export async function execIn(
  docker: Docker,
  container: string,
  cmd: string[],
  options: ExecOptions = {},
): Promise<ExecResult> {
  const started = Date.now();
  const timeoutMs = options.timeoutMs ?? 30_000;
  const seconds = Math.max(1, Math.ceil(timeoutMs / 1000));
  const what = `${container}: ${cmd.join(' ')}`;
  const exec = await docker.getContainer(container).exec({
    Cmd: ['timeout', '-k', '2', String(seconds), ...cmd],
    User: options.user ?? 'postgres',
    Env: Object.entries(options.env ?? {}).map(([k, v]) => `${k}=${v}`),
    WorkingDir: options.workingDir,
    AttachStdin: options.stdin !== undefined,
    AttachStdout: true,
    AttachStderr: true,
  }).catch((err: unknown) => { throw engineExecError(err, container); });

  const stream = await exec.start({ hijack: true, stdin: options.stdin !== undefined });
  const stdout = collect();
  const stderr = collect();
  docker.modem.demuxStream(stream, stdout.sink, stderr.sink);
  if (options.stdin !== undefined) stream.end(options.stdin);

  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      new Promise<void>((resolve, reject) => {
        stream.on('end', resolve);
        stream.on('close', resolve);
        stream.on('error', reject);
      }),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(timeoutError(what, timeoutMs)), timeoutMs + CLIENT_GRACE_MS);
      }),
    ]);
  } finally {
    clearTimeout(timer);
    stream.destroy();
  }

  const exitCode = await exitCodeOf(exec);
  if (TIMEOUT_EXIT_CODES.has(exitCode) && Date.now() - started >= timeoutMs) throw timeoutError(what, timeoutMs);
  return { exitCode, stdout: stdout.text(), stderr: stderr.text(), durationMs: Date.now() - started };
}

/** Like execIn, but a non-zero exit is an OPERATION_FAILED error carrying the command's stderr. */
export async function execOk(docker: Docker, container: string, cmd: string[], options: ExecOptions = {}): Promise<ExecResult> {
  const result = await execIn(docker, container, cmd, options);
  if (result.exitCode !== 0) {
    throw new DemoError('OPERATION_FAILED', `${container}: ${cmd.join(' ')} exited with ${result.exitCode}.`,
      { detail: (result.stderr || result.stdout).trim().split('\n').slice(-10).join('\n') });
  }
  return result;
}

function collect() {
  const chunks: Buffer[] = [];
  const sink = new PassThrough();
  sink.on('data', (chunk: Buffer) => chunks.push(chunk));
  return { sink, text: () => Buffer.concat(chunks).toString('utf8') };
}

/** The stream can end a moment before the engine records the exit code. */
async function exitCodeOf(exec: Docker.Exec): Promise<number> {
  for (let attempt = 0; ; attempt++) {
    const info = await exec.inspect();
    if (!info.Running && info.ExitCode !== null) return info.ExitCode;
    if (attempt >= 200) throw new DemoError('INTERNAL', 'The Docker engine did not report the exit code of an exec.');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

function timeoutError(what: string, timeoutMs: number): DemoError {
  return new DemoError('TIMEOUT', `${what} did not finish within ${timeoutMs / 1000} s.`);
}

/** Docker's own words, under the project's codes: paused → NODE_FROZEN, not running → NODE_DOWN. */
function engineExecError(err: unknown, container: string): unknown {
  const message = ((err as { json?: { message?: string } }).json?.message ?? (err as Error).message).trim();
  const status = statusOf(err);
  if (status === 404) return new DemoError('NOT_FOUND', `No such container: ${container}`, { cause: err });
  if (status === 409 && /paused/i.test(message)) return new DemoError('NODE_FROZEN', message, { cause: err });
  if (status === 409) return new DemoError('NODE_DOWN', message, { cause: err });
  return err;
}
