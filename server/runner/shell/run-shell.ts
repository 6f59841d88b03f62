// Runs a shell snippet with bash in the environment the cluster backend gives (embedded: the seed's `docker …`
// commands mapped onto local nodes; docker: the real docker CLI). The run ends when bash exits — not when its pipes close, since a server started inside the snippet may hold them —
// and then its whole process group is ended, so nothing it started in the background outlives it.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { Readable } from 'node:stream';
import type { ShellEnvironment } from '../../cluster/driver';
import type { ShellRunResponse } from '../../../shared/types';
import { OutputCapture, type OutputListener } from './output-capture';
import { killEscapedMembers, killProcessGroup, RUN_TAG } from './process-group';

export interface RunShellOptions {
  text: string;
  environment: ShellEnvironment;
  timeoutMs?: number;
  /** stdout + stderr kept (and streamed) */
  maxBytes?: number;
  signal?: AbortSignal;
  onOutput?: OutputListener;
  /** set as PGDEMO_RUN in the run's environment: a cancel or timeout also ends what carries it (runTag()) */
  tag?: string;
}

export type ShellRunOutcome = Omit<ShellRunResponse, 'runId'>;

// an absolute path: the snippet's PATH is the cluster's business, finding bash is ours
const BASH = existsSync('/bin/bash') ? '/bin/bash' : 'bash';
/** after bash exits, how long its pipes may take to deliver what is already in them */
const DRAIN_MS = 250;

function drained(stream: Readable, ms: number): Promise<void> {
  return new Promise((resolve) => {
    if (stream.readableEnded || stream.destroyed) return resolve();
    const timer = setTimeout(() => {
      // a daemon started by the snippet still holds the pipe: stop reading it
      stream.destroy();
      resolve();
    }, ms);
    stream.once('close', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

export async function runShell(options: RunShellOptions): Promise<ShellRunOutcome> {
  const { environment, signal } = options;
  const started = performance.now();
  const capture = new OutputCapture(options.maxBytes ?? 1024 * 1024, options.onOutput);
  const runAs = environment.runAs && process.getuid?.() === 0 ? environment.runAs : undefined;
  // spawn reports a missing cwd as "spawn /bin/bash ENOENT", which blames bash: say what is really missing
  if (!existsSync(environment.cwd)) {
    return {
      ok: false, kind: 'shell', exitCode: null, signal: null, stdout: '', durationMs: Math.round(performance.now() - started),
      stderr: `The shell's working folder ${environment.cwd} does not exist (is the cluster built? \`up\` or Reset makes it).\n`,
      error: { code: 'INVALID_STATE', message: `The shell's working folder ${environment.cwd} does not exist.` },
    };
  }

  const child = spawn(BASH, ['--noprofile', '--norc', '-c', options.text], {
    argv0: 'bash', // error messages read "bash: line 2: …" as in a terminal
    cwd: environment.cwd,
    env: options.tag ? { ...environment.env, [RUN_TAG]: options.tag } : environment.env,
    // its own process group: the run can end everything it started with one signal
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(runAs ? { uid: runAs.uid, gid: runAs.gid } : {}),
  });
  child.stdout.setEncoding('utf8');
  child.stderr.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => capture.add('stdout', chunk));
  child.stderr.on('data', (chunk: string) => capture.add('stderr', chunk));

  let stopReason: 'cancelled' | 'timedOut' | undefined;
  const stop = (reason: 'cancelled' | 'timedOut') => {
    if (stopReason || child.pid === undefined) return;
    stopReason = reason;
    void killProcessGroup(child.pid);
  };
  const timer = setTimeout(() => stop('timedOut'), options.timeoutMs ?? 120_000);
  const onAbort = () => stop('cancelled');
  if (signal?.aborted) onAbort();
  else signal?.addEventListener('abort', onAbort, { once: true });

  const exit = await new Promise<{ code: number | null; signal: NodeJS.Signals | null; error?: Error }>((resolve) => {
    child.once('exit', (code, exitSignal) => resolve({ code, signal: exitSignal }));
    child.once('error', (error) => resolve({ code: null, signal: null, error }));
  });
  clearTimeout(timer);
  signal?.removeEventListener('abort', onAbort);

  if (child.pid !== undefined) await killProcessGroup(child.pid);
  // a cancelled or timed-out run: also what left the group (a setsid child that ignores SIGTERM, say)
  if (stopReason && options.tag) await killEscapedMembers(options.tag);
  await Promise.all([drained(child.stdout, DRAIN_MS), drained(child.stderr, DRAIN_MS)]);
  if (exit.error) capture.add('stderr', `Could not start bash: ${exit.error.message}\n`);
  capture.flush();

  const outcome: ShellRunOutcome = {
    ok: exit.code === 0 && !stopReason,
    kind: 'shell',
    exitCode: exit.code,
    signal: exit.signal,
    stdout: capture.kept.stdout,
    stderr: capture.kept.stderr,
    durationMs: Math.round(performance.now() - started),
  };
  if (capture.truncated) outcome.truncated = true;
  if (stopReason === 'cancelled') outcome.cancelled = true;
  if (stopReason === 'timedOut') outcome.timedOut = true;
  return outcome;
}
