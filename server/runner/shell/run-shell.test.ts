// The shell runner as a process manager: streaming, exit codes, and that cancel/timeout end everything it started.
import { chown, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ShellEnvironment } from '../../cluster/driver';
import { isLive, referenceTable } from '../../system/proc';
import { PG15_BIN, POSTGRES_USER } from '../../testing/scratch-servers';
import { baseShellEnvironment, SYSTEM_PATH } from './base-environment';
import { runShell, type RunShellOptions } from './run-shell';

let scratchDir: string;
let environment: ShellEnvironment;
const run = (text: string, extra: Partial<RunShellOptions> = {}) => runShell({ text, environment, ...extra });

// observed through the machine's own process source, whichever one the runner uses
const isAlive = async (pid: number) => isLive(await referenceTable.procInfo(pid));

beforeAll(async () => {
  scratchDir = await mkdtemp(join(tmpdir(), 'pgdemo-shell-test-'));
  await chown(scratchDir, POSTGRES_USER.uid, POSTGRES_USER.gid);
  environment = {
    env: baseShellEnvironment({ path: [PG15_BIN, ...SYSTEM_PATH], scratchDir, extra: { PGDEMO_WATCH_ROUNDS: '3' } }),
    cwd: scratchDir,
    runAs: POSTGRES_USER,
  };
});
afterAll(async () => {
  await rm(scratchDir, { recursive: true, force: true });
});

describe('runShell', () => {
  it('streams output line by line as it is produced, in order', async () => {
    const chunks: Array<{ stream: string; text: string; at: number }> = [];
    const started = performance.now();
    const response = await run('for i in 1 2 3; do echo "line $i"; sleep 0.3; done; echo oops >&2', {
      onOutput: (stream, text) => chunks.push({ stream, text, at: performance.now() - started }),
    });
    expect(response.ok).toBe(true);
    expect(response.exitCode).toBe(0);
    expect(response.stdout).toBe('line 1\nline 2\nline 3\n');
    expect(response.stderr).toBe('oops\n');
    const lines = chunks.filter((c) => c.stream === 'stdout');
    expect(lines.map((c) => c.text)).toEqual(['line 1\n', 'line 2\n', 'line 3\n']);
    // progressive: each line arrived while the loop was still sleeping, ~300 ms apart
    expect(lines[1]!.at - lines[0]!.at).toBeGreaterThan(200);
    expect(lines[2]!.at - lines[1]!.at).toBeGreaterThan(200);
    expect(lines[0]!.at).toBeLessThan(response.durationMs - 500);
  });

  it('passes on a partial line after a short pause', async () => {
    const chunks: string[] = [];
    await run('printf "waiting..."; sleep 0.4; echo " done"', { onOutput: (_s, text) => chunks.push(text) });
    expect(chunks).toEqual(['waiting...', ' done\n']);
  });

  it('reports the exit code and runs as the postgres OS user in a clean environment', async () => {
    const failed = await run('echo before; exit 3');
    expect(failed).toMatchObject({ ok: false, exitCode: 3, stdout: 'before\n' });
    const who = await run('id -u; echo "$HOME|$TMPDIR|$PSQLRC|${SECRET_OF_THE_SIDECAR-unset}"; pwd; [ -t 0 ] || read -r x || echo stdin-empty');
    expect(who.stdout).toBe(`${POSTGRES_USER.uid}\n${scratchDir}|${scratchDir}|/dev/null|unset\n${scratchDir}\nstdin-empty\n`);
  });

  it('runs in the environment it is given, and nothing of the sidecar\'s', async () => {
    process.env.PGDEMO_SIDECAR_SECRET = 'not for snippets';
    const response = await run('echo "$HOME|$TMPDIR|$PWD|${PGDEMO_SIDECAR_SECRET-unset}"; type -P pg_ctl');
    delete process.env.PGDEMO_SIDECAR_SECRET;
    expect(response.stdout).toBe(`${scratchDir}|${scratchDir}|${scratchDir}|unset\n${PG15_BIN}/pg_ctl\n`);
  });

  it('has a bounded watch, as every backend does', async () => {
    const response = await run('watch -n 0.1 echo tick');
    expect(response.stdout.match(/^tick$/gm)).toHaveLength(3);
  });

  it('line numbers in bash errors are the snippet\'s own', async () => {
    const response = await run('echo one\nnosuchcommand_xyz');
    expect(response.stderr).toBe('bash: line 2: nosuchcommand_xyz: command not found\n');
    expect(response.exitCode).toBe(127);
  });

  it('cancel ends the whole process group, background children included', async () => {
    const controller = new AbortController();
    let childPid = 0;
    const pending = run('sleep 1000 & echo "child $!"; wait', {
      signal: controller.signal,
      onOutput: (_s, text) => {
        const match = /child (\d+)/.exec(text);
        if (match) {
          childPid = Number(match[1]);
          controller.abort();
        }
      },
    });
    const started = performance.now();
    const response = await pending;
    expect(childPid).toBeGreaterThan(0);
    expect(response).toMatchObject({ ok: false, cancelled: true, exitCode: null, signal: 'SIGTERM' });
    expect(performance.now() - started).toBeLessThan(2000);
    expect(await isAlive(childPid)).toBe(false);
  });

  it('a finished run leaves nothing behind, even a child that ignores SIGTERM', async () => {
    const response = await run('(trap "" TERM; exec sleep 1000) & echo $!', {});
    const pid = Number(response.stdout.trim());
    expect(response.ok).toBe(true);
    expect(pid).toBeGreaterThan(0);
    expect(await isAlive(pid)).toBe(false);
  });

  it('cancel ends children that ignore SIGTERM, also those that left the group (setsid, a double fork)', async () => {
    const controller = new AbortController();
    const pids: number[] = [];
    // three ways to hang on: ignore SIGTERM in the group, in a new session, and daemonized (double fork + setsid)
    const text = [
      '(trap "" TERM; exec sleep 1000) & echo "pid $!"',
      'setsid bash -c \'trap "" TERM; echo "pid $$"; exec sleep 1000\' &',
      '(setsid bash -c \'trap "" TERM; echo "pid $$"; exec sleep 1000\' &) ',
      'sleep 0.3; echo ready; wait',
    ].join('\n');
    const pending = run(text, {
      signal: controller.signal,
      tag: 'test-run|1',
      onOutput: (_s, chunk) => {
        for (const m of chunk.matchAll(/pid (\d+)/g)) pids.push(Number(m[1]));
        if (/ready/.test(chunk)) controller.abort();
      },
    });
    const response = await pending;
    expect(response).toMatchObject({ ok: false, cancelled: true });
    expect(pids).toHaveLength(3);
    for (const pid of pids) expect(await isAlive(pid), `pid ${pid}`).toBe(false);
  });

  it('times out, ending the group and saying so', async () => {
    const started = performance.now();
    const response = await run('echo start; sleep 30', { timeoutMs: 500 });
    expect(response).toMatchObject({ ok: false, timedOut: true, stdout: 'start\n' });
    expect(response.cancelled).toBeUndefined();
    expect(performance.now() - started).toBeLessThan(1500);
  });

  it('ends when bash exits even if a background process keeps its stdout open', async () => {
    const started = performance.now();
    // like a postmaster started by pg_ctl without -l: its own session, our stdout
    const response = await run('setsid sleep 5 & echo "launched $!"; sleep 0.2');
    const pid = Number(/launched (\d+)/.exec(response.stdout)?.[1]);
    try {
      expect(response).toMatchObject({ ok: true });
      expect(performance.now() - started).toBeLessThan(1500);
      expect(await isAlive(pid)).toBe(true); // it left the group, so it is not ours to end
    } finally {
      if (pid > 0) process.kill(pid, 'SIGKILL');
    }
  });

  it('caps stored and streamed output, marking it truncated', async () => {
    let streamed = '';
    const response = await run('head -c 5000 /dev/zero | tr "\\0" x; echo; echo end', {
      maxBytes: 1000, onOutput: (_s, text) => (streamed += text),
    });
    expect(response.stdout).toHaveLength(1000);
    expect(response.truncated).toBe(true);
    expect(streamed).toBe(response.stdout);
    expect(response.exitCode).toBe(0);
  });
});
