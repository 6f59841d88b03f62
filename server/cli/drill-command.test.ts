// `pgdemo drill` and `pgdemo practice` as an interviewer types them, against a running sidecar: nothing printed names
// the fault unless --reveal asked; without a sidecar, a clear error.
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { faultNamed } from '../drills/catalog';
import { testStack, type TestStack } from '../testing/test-stack';

const PGDEMO = resolve(import.meta.dirname, '../../bin/pgdemo.js');
let stack: TestStack;

async function pgdemo(args: string[], stateDir = stack.stateDir): Promise<{ code: number; out: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [PGDEMO, ...args], {
      env: { ...process.env, PGDEMO_CLUSTER_DIR: stateDir }, timeout: 120_000,
    });
    return { code: 0, out: stdout + stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? 1, out: `${e.stdout ?? ''}${e.stderr ?? ''}` };
  }
}

beforeAll(async () => {
  stack = await testStack({ snippets: new Map() });
});

afterAll(() => stack?.cleanup());

it('starts a named drill without naming it; the answer only with --reveal; fix, practice, reset', async () => {
  const fault = faultNamed('replay-paused');
  const started = await pgdemo(['drill', '--fault', fault.name]);
  expect(started).toMatchObject({ code: 0 });
  expect(started.out).toMatch(/Drill running since .* with 1 fault \(not named here\)/);
  for (const text of [started.out, (await pgdemo(['drill', 'status'])).out]) {
    expect(text).not.toContain(fault.name);
    expect(text).not.toContain(fault.title);
  }
  const hidden = await pgdemo(['drill', 'answer']);
  expect(hidden.code).toBe(1);
  expect(hidden.out).toMatch(/keeps its answer until Reveal/);

  const revealed = await pgdemo(['drill', '--fault', fault.name, '--reveal']);
  expect(revealed.out).toContain(`${fault.name}: ${fault.title}`);
  expect(revealed.out).toContain(fault.cause);

  const fixed = await pgdemo(['drill', 'fix']);
  expect(fixed).toMatchObject({ code: 0 });
  expect(fixed.out).toMatch(/the pair is healthy/);
  expect((await pgdemo(['practice'])).out).toMatch(new RegExp(`drill  ${fault.name}  -  not diagnosed  hints 0`));
  expect((await pgdemo(['drill', 'reset'])).out).toMatch(/pair is reset/);
});

it('says clearly that a drill needs a running sidecar', async () => {
  const empty = await mkdtemp(join(tmpdir(), 'pgdemo-drill-cli-'));
  try {
    const answer = await pgdemo(['drill'], empty);
    expect(answer.code).toBe(1);
    expect(answer.out).toMatch(/No sidecar runs for .*npm start/s);
  } finally {
    await rm(empty, { recursive: true, force: true });
  }
});
