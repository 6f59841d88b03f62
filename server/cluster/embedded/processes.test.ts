// What the embedded backend does to processes (the contract suite checks what the interface shows): a freeze
// SIGSTOPs the postmaster and every child, a thaw resumes them, a stop of a frozen node thaws it first.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allProcesses } from '../../system/proc';
import { testCluster, type TestCluster } from '../test-support';

let t: TestCluster;

beforeAll(async () => {
  t = await testCluster();
  await t.cluster.up();
});

afterAll(() => t?.cleanup());

async function standbyProcessStates(): Promise<string[]> {
  const pid = Number((await readFile(join(t.stateDir, 'nodes/postgres-standby/postmaster.pid'), 'utf8')).split('\n')[0]);
  const tree = (await allProcesses()).filter((p) => p.pid === pid || p.ppid === pid);
  return tree.map((p) => p.state);
}

describe('embedded freeze, thaw and stop', () => {
  it('freeze SIGSTOPs the postmaster and each child; thaw resumes them all', async () => {
    expect((await t.cluster.freeze('postgres-standby')).method).toMatch(/SIGSTOP/);
    const frozen = await standbyProcessStates();
    expect(frozen.length).toBeGreaterThan(3); // postmaster + startup, walreceiver, checkpointer …
    expect(frozen.every((s) => s === 'T')).toBe(true);
    expect((await t.cluster.thaw('postgres-standby')).method).toMatch(/SIGCONT/);
    expect((await standbyProcessStates()).every((s) => s !== 'T')).toBe(true);
  });

  it('a stop of a frozen node thaws it first and says so', async () => {
    await t.cluster.freeze('postgres-standby');
    expect((await t.cluster.stop('postgres-standby')).detail).toMatch(/thawed first/);
  });
});
