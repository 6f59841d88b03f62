// portable-bin/, first on every snippet's PATH: the seed's commands must mean on a Mac what they mean on Linux.
// `date +%s.%N` and `date -d @S`: BSD date (macOS) prints a literal N for %N and has no -d; here a test double behaves
// so (server/testing/bsd-date/), and portable-bin/date must give the same answers over it as GNU date gives.
// `setsid CMD &` (Demo 4): macOS has no setsid; a PATH without one stands in for it.
import { chown, mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { killNow, referenceTable } from '../../system/proc';
import { PG15_BIN, POSTGRES_USER } from '../../testing/scratch-servers';
import { baseShellEnvironment, SYSTEM_PATH } from './base-environment';
import { RUN_TAG } from './process-group';
import { runShell } from './run-shell';

const BSD_DATE = fileURLToPath(new URL('../../testing/bsd-date', import.meta.url));
let scratchDir: string;

beforeAll(async () => {
  scratchDir = await mkdtemp(join(tmpdir(), 'pgdemo-date-test-'));
  await chown(scratchDir, POSTGRES_USER.uid, POSTGRES_USER.gid);
});
afterAll(async () => {
  await rm(scratchDir, { recursive: true, force: true });
});

/** A snippet run as the server's OS user, with BSD's date (the double) or the system's (GNU) behind the wrapper. */
const run = (text: string, date: 'bsd' | 'gnu') => runShell({
  text,
  environment: {
    env: baseShellEnvironment({ path: [...(date === 'bsd' ? [BSD_DATE] : []), PG15_BIN, ...SYSTEM_PATH], scratchDir }),
    cwd: scratchDir,
    runAs: POSTGRES_USER,
  },
});

describe('the BSD date double', () => {
  it('fails as BSD date does: a literal N for %N, no -d', async () => {
    const bsd = (text: string) => runShell({
      text, environment: { env: { PATH: [BSD_DATE, ...SYSTEM_PATH].join(':') }, cwd: scratchDir },
    });
    expect((await bsd('date +%s.%N')).stdout).toMatch(/^\d{10}\.N\n$/);
    expect(await bsd('date -d @0')).toMatchObject({ exitCode: 1, stderr: expect.stringMatching(/^date: illegal option -- d\nusage: date/) });
    expect((await bsd('date -u -r 1700000000 "+%Y-%m-%d %H:%M:%S"')).stdout).toBe('2023-11-14 22:13:20\n');
  });
});

describe.each(['bsd', 'gnu'] as const)('date in a snippet, over %s date', (date) => {
  it('gives nanoseconds for %N, read from the clock', async () => {
    const before = Date.now() / 1000;
    const response = await run('date +%s.%N; date "+%3N|%%N"', date);
    const [stamp, milli] = response.stdout.trim().split('\n');
    expect(stamp).toMatch(/^\d{10}\.\d{9}$/);
    expect(Number(stamp)).toBeGreaterThanOrEqual(Math.floor(before));
    expect(Number(stamp)).toBeLessThan(Date.now() / 1000 + 1);
    expect(milli).toMatch(/^\d{3}\|%N$/);
  });

  it('measures a step as the seed does: the difference of two readings', async () => {
    const response = await run('A=$(date +%s.%N); sleep 0.3; B=$(date +%s.%N); awk -v a="$A" -v b="$B" \'BEGIN { printf "%.2f", b - a }\'', date);
    expect(Number(response.stdout)).toBeGreaterThanOrEqual(0.3);
    expect(Number(response.stdout)).toBeLessThan(1.5);
  });

  it('reads -d @SECONDS, fractions too, as demo 3\'s report does', async () => {
    const response = await run('date -u -d @1700000000.25 "+%Y-%m-%d %H:%M:%S %N"; date -u --date=@1700000000 +%s; TZ=UTC date -d "@1700000000"', date);
    expect(response.stdout).toBe('2023-11-14 22:13:20 250000000\n1700000000\nTue Nov 14 22:13:20 UTC 2023\n');
  });

  it('is the same date in a nested bash and under sh, and leaves every other use to the system\'s date', async () => {
    const response = await run('bash -c "date +%N" ; sh -c "date +%N"; date -u -r /dev/null +%Y >/dev/null && echo file-ok; date "+%a %b %e" | wc -w', date);
    expect(response.stdout).toMatch(/^\d{9}\n\d{9}\nfile-ok\n\s*3\n$/);
  });
});

it('says what it cannot translate on BSD date, instead of printing a wrong time', async () => {
  const response = await run('date -d yesterday +%s', 'bsd');
  expect(response).toMatchObject({ exitCode: 1, stderr: expect.stringMatching(/^date: -d takes only @SECONDS here/) });
});

describe('setsid where the system has none', () => {
  it('starts the command in a new session and returns at once; -w waits and passes its status on', async () => {
    // a PATH with bash, sleep and node but no setsid, as on a Mac
    const bin = await mkdtemp(join(tmpdir(), 'pgdemo-no-setsid-'));
    for (const tool of ['bash', 'sleep']) await symlink(join('/usr/bin', tool), join(bin, tool));
    await symlink(process.execPath, join(bin, 'node'));
    const tag = `${scratchDir}|setsid-test`;
    try {
      const response = await runShell({
        text: 'type -P setsid; setsid sleep 300 & sleep 0.3; setsid -w bash -c "exit 3"; echo "waited: $?"',
        environment: { env: baseShellEnvironment({ path: [bin], scratchDir }), cwd: scratchDir },
        tag,
      });
      expect(response.stdout).toMatch(/\/portable-bin\/setsid\nwaited: 3\n$/);
      const [sleeper] = await referenceTable.processesWithEnvironment(RUN_TAG, (v) => v === tag);
      // it outlived the run (it left the run's process group), as a leader of its own session and group
      expect(sleeper).toMatchObject({ comm: 'sleep', pgrp: sleeper!.pid });
    } finally {
      killNow((await referenceTable.processesWithEnvironment(RUN_TAG, (v) => v === tag)).map((p) => p.pid));
      await rm(bin, { recursive: true, force: true });
    }
  });
});
