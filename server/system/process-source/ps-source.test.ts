// The ps source on this machine's real ps (procps), observed against /proc: the facts a stopped, a zombie and a
// tagged process show, and that an answer is never older than its question (the status feed asks right after a
// SIGSTOP). The facade's questions (proc.ts) answered from it.
import { spawn, type ChildProcess } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { chooseProcessSource, processTable } from '../proc';
import { procfsSource } from './procfs-source';
import { coalesced, psSource } from './ps-source';

const source = psSource('linux');
const table = processTable(source);
const started: ChildProcess[] = [];
function start(args: string[], env: Record<string, string> = {}): number {
  // a group of its own, so that afterAll ends what it started too
  const child = spawn(args[0]!, args.slice(1), { env: { ...process.env, ...env }, stdio: 'ignore', detached: true });
  started.push(child);
  return child.pid!;
}
afterAll(() => {
  for (const child of started) {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // gone
    }
  }
});

describe.runIf(process.platform === 'linux')('the ps process source', () => {
  it('sees a stop and a continue in the very next answer', async () => {
    const pid = start(['sleep', '300']);
    expect(await source.info(pid)).toMatchObject({ pid, ppid: process.pid, pgrp: pid, comm: 'sleep' });
    for (const [signal, state] of [['SIGSTOP', 'T'], ['SIGCONT', 'S'], ['SIGSTOP', 'T']] as const) {
      process.kill(pid, signal);
      await expect.poll(async () => (await procfsSource.info(pid))?.state).toBe(state);
      expect((await source.info(pid))?.state).toBe(state);
    }
  });

  it('tells a zombie from a live process, and a gone one from both', async () => {
    // bash execs a sleep that never reaps the child it inherits: that child becomes a zombie
    const parent = start(['bash', '-c', 'sleep 0.1 & exec sleep 300']);
    await expect.poll(async () => (await procfsSource.list()).find((p) => p.ppid === parent)?.state, { timeout: 5_000 }).toBe('Z');
    const zombie = (await procfsSource.list()).find((p) => p.ppid === parent)!.pid;
    expect(await source.info(zombie)).toMatchObject({ state: 'Z' });
    expect(await table.childrenOf(parent)).toEqual([]);
    process.kill(parent, 'SIGKILL');
    await expect.poll(async () => source.info(zombie), { timeout: 5_000 }).toBeNull();
  });

  it('finds processes by their command line and by their environment, as /proc does', async () => {
    const dataDir = `/tmp/pgdemo-ps-source-${process.pid}/nodes/postgres-primary`;
    // the folder named twice, a longer name first: only the whole name counts
    const pid = start(['bash', '-c', 'sleep 300; :', 'postgres', '-D', `${dataDir}-old`, '-D', dataDir], { PGDEMO_PS_TEST: `${dataDir}|run 1` });
    await sleep(100);
    expect((await table.processesMentioning([dataDir])).map((p) => p.pid)).toEqual([pid]);
    expect(await table.processesMentioning([dataDir.slice(0, -1), `${dataDir}-new`])).toEqual([]);
    expect(await table.commandLine(pid)).toBe(await procfsSource.commandLine(pid));
    const tagged = await table.processesWithEnvironment('PGDEMO_PS_TEST', (v) => v.startsWith(`${dataDir}|`));
    // bash and the sleep it started
    expect(tagged.find((p) => p.pid === pid)).toMatchObject({ value: `${dataDir}|run 1` });
    expect(tagged).toHaveLength(2);
    expect(tagged).toEqual(await processTable(procfsSource).processesWithEnvironment('PGDEMO_PS_TEST', (v) => v.startsWith(`${dataDir}|`)));
  });

  it('says no feature is limited where ps shows environments, and says which is where it cannot', async () => {
    expect(await source.limits()).toEqual([]);
    expect(await psSource('sunos').limits()).toEqual([expect.stringMatching(/setsid.*no process environments/)]);
    expect(await psSource('sunos').listWithEnvironment('PATH')).toEqual([]);
  });

  it('is chosen by PGDEMO_PROCESS_SOURCE, and an unknown one is refused with the valid kinds', () => {
    expect(chooseProcessSource('ps').kind).toBe('ps');
    expect(chooseProcessSource('proc').kind).toBe('proc');
    expect(chooseProcessSource('').kind).toBe('proc'); // this machine has /proc
    expect(() => chooseProcessSource('kvm')).toThrow('PGDEMO_PROCESS_SOURCE=kvm is not one of: proc, ps.');
  });
});

describe('coalesced reads', () => {
  it('shares one read among the calls made before it starts, and gives a later call a later read', async () => {
    let reads = 0;
    let release: () => void = () => undefined;
    const read = coalesced(async () => {
      const n = ++reads;
      await new Promise<void>((resolve) => (release = resolve));
      return n;
    });
    const first = [read(), read(), read()];
    await sleep(10); // the shared read has started
    const later = [read(), read()];
    release();
    expect(await Promise.all(first)).toEqual([1, 1, 1]);
    await sleep(10);
    release();
    expect(await Promise.all(later)).toEqual([2, 2]);
    expect(reads).toBe(2);
  });

  it('passes a failure to the calls that shared it, and reads again for the next', async () => {
    let reads = 0;
    const read = coalesced(async () => {
      if (++reads === 1) throw new Error('ps failed');
      return reads;
    });
    await expect(Promise.all([read(), read()])).rejects.toThrow('ps failed');
    expect(await read()).toBe(2);
  });
});
