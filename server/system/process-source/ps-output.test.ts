// The ps parser on the two formats it meets: procps's (this machine's real `ps`, checked against /proc) and BSD ps's
// on macOS. No Mac runs here: the macOS lines are written as Apple's ps prints them (adv_cmds ps/keyword.c and
// print.c: pid, ppid and pgid right-aligned in 5 columns, stat 4 wide, ucomm left-aligned and padded to 16 even as the
// last column, command to the end of the line; "<defunct>" and "(name)" where the arguments cannot be read).
import { execFileSync, spawn } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { COMMAND_COLUMNS, environmentValue, parseCommandLines, parseProcessLines, PROCESS_COLUMNS } from './ps-output';
import { procfsSource } from './procfs-source';

const MACOS_PROCESSES = [
  '    1     0     1 Ss   launchd         ',
  '  312     1   312 Ss   logd            ',
  '  498     1   498 S    Google Chrome He',
  ' 4120  4119  4120 Ss   bash            ',
  ' 4188     1  4188 Ss   postgres        ',
  ' 4190  4188  4190 Ss   postgres        ',
  ' 4201  4188  4201 T    postgres        ',
  ' 4300  4120  4300 R+   ps              ',
  ' 4311  4120  4311 Z    sleep           ',
  '99812 99800 99812 S<   node            ',
  '123456     1 123456 U    pgdemo-link-rel ',
  '',
].join('\n');

const MACOS_COMMANDS = [
  '    1 /sbin/launchd',
  '  498 /Applications/Google Chrome.app/Contents/Frameworks/Google Chrome Framework.framework/Helpers/Google Chrome Helper (GPU).app/Contents/MacOS/Google Chrome Helper (GPU) --type=gpu-process',
  ' 4188 /Applications/Postgres.app/Contents/Versions/17/bin/postgres -D /Users/ann/My Talks/pg demo/.cluster/nodes/postgres-primary',
  ' 4190 postgres: checkpointer   ',
  ' 4311 <defunct>',
  ' 4120 (bash)',
  ' 4400 ',
  '',
].join('\n');

describe('parsing BSD ps (macOS) output', () => {
  it('reads each process, with a name that has spaces and a pid wider than its column', () => {
    const processes = parseProcessLines(MACOS_PROCESSES);
    expect(processes).toHaveLength(11);
    expect(processes[0]).toEqual({ pid: 1, ppid: 0, pgrp: 1, state: 'S', comm: 'launchd' });
    expect(processes[2]).toEqual({ pid: 498, ppid: 1, pgrp: 498, state: 'S', comm: 'Google Chrome He' });
    expect(processes.find((p) => p.pid === 4201)).toEqual({ pid: 4201, ppid: 4188, pgrp: 4201, state: 'T', comm: 'postgres' });
    expect(processes.find((p) => p.pid === 4311)?.state).toBe('Z');
    expect(processes.at(-1)).toEqual({ pid: 123456, ppid: 1, pgrp: 123456, state: 'U', comm: 'pgdemo-link-rel' });
  });

  it('reads command lines whole, spaces included, and the placeholders ps prints for unreadable ones', () => {
    const commands = parseCommandLines(MACOS_COMMANDS);
    expect(commands.get(4188)).toBe('/Applications/Postgres.app/Contents/Versions/17/bin/postgres -D /Users/ann/My Talks/pg demo/.cluster/nodes/postgres-primary');
    expect(commands.get(498)).toMatch(/Helper \(GPU\) --type=gpu-process$/);
    expect(commands.get(4311)).toBe('<defunct>');
    expect(commands.get(4120)).toBe('(bash)');
    expect(commands.get(4400)).toBe('');
  });

  it('finds a variable in a command line printed with its environment (-E), whatever follows it', () => {
    const line = '/bin/sleep 300 TERM=dumb PGDEMO_RUN=/Users/ann/My Talks/.cluster|run-7 HOME=/Users/ann/My Talks/.cluster/scratch';
    expect(environmentValue(line, 'PGDEMO_RUN')).toBe('/Users/ann/My Talks/.cluster|run-7');
    expect(environmentValue(line, 'HOME')).toBe('/Users/ann/My Talks/.cluster/scratch');
    expect(environmentValue(line, 'PGDEMO')).toBeNull();
    expect(environmentValue('/bin/sleep 300', 'PGDEMO_RUN')).toBeNull();
    // the environment comes after the arguments: an argument that looks like the variable is not taken for it
    expect(environmentValue('env PGDEMO_RUN=wrong sleep 1 PGDEMO_RUN=right', 'PGDEMO_RUN')).toBe('right');
  });
});

describe.runIf(process.platform === 'linux')('parsing procps (Linux) output, from this machine\'s ps', () => {
  const child = spawn('sleep', ['300'], { env: { ...process.env, PGDEMO_PARSER_PROBE: 'a value|with spaces' }, stdio: 'ignore' });
  afterAll(() => child.kill('SIGKILL'));

  it('reads the same facts /proc holds, for every process both saw', async () => {
    const processes = parseProcessLines(execFileSync('ps', ['-A', '-ww', '-o', PROCESS_COLUMNS], { encoding: 'utf8' }));
    const truth = new Map((await procfsSource.list()).map((p) => [p.pid, p]));
    // kernel threads (children of kthreadd, pid 2) rename themselves as they take work: not compared
    const both = processes.filter((p) => truth.has(p.pid) && p.pid !== 2 && p.ppid !== 2);
    expect(both.length).toBeGreaterThan(10);
    for (const p of both) {
      const t = truth.get(p.pid)!;
      expect({ ...p, state: '' }).toEqual({ ...t, state: '' });
    }
    expect(processes.find((p) => p.pid === child.pid)).toMatchObject({ ppid: process.pid, comm: 'sleep' });
  });

  it('reads command lines and the environment as /proc has them', async () => {
    const commands = parseCommandLines(execFileSync('ps', ['-A', '-ww', '-o', COMMAND_COLUMNS], { encoding: 'utf8' }));
    expect(commands.get(child.pid!)).toBe('sleep 300');
    expect(commands.get(process.pid)).toBe(await procfsSource.commandLine(process.pid));
    const withEnvironment = parseCommandLines(execFileSync('ps', ['-A', '-ww', '-o', COMMAND_COLUMNS, 'e'], { encoding: 'utf8' }));
    expect(environmentValue(withEnvironment.get(child.pid!)!, 'PGDEMO_PARSER_PROBE')).toBe('a value|with spaces');
  });
});
