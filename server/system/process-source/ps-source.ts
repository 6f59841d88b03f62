// The process table read from `ps`, for a machine without /proc (macOS), or on Linux when PGDEMO_PROCESS_SOURCE=ps
// asks for it (CI runs part of the suite so). Every question is answered from one `ps -A` run taken after it was
// asked: questions asked together (the status feed's, four times a second) share one run, and none gets an answer
// read before it asked — after a SIGSTOP or a SIGKILL, the next answer sees it.
import { execFile } from 'node:child_process';
import { DemoError } from '../../../shared/errors';
import { COMMAND_COLUMNS, environmentValue, parseCommandLines, parseProcessLines, PROCESS_COLUMNS } from './ps-output';
import type { ProcessSource, ProcInfo, WithCommand, WithValue } from './types';

const PS_TIMEOUT_MS = 5_000;

/**
 * How this platform's ps adds the environment after the command: BSD ps (macOS) `-E`, procps (Linux) `e`. They share
 * no spelling; elsewhere there is none we know.
 */
const ENVIRONMENT_FLAG: Partial<Record<NodeJS.Platform, string>> = { darwin: '-E', linux: 'e' };

export const ENVIRONMENT_LIMIT = 'Cancel, a timeout and Ctrl-C end a shell run\'s process group but not what left it '
  + '(setsid, a double fork), and a restarted sidecar cannot find the runs of one that was killed: `ps` here shows '
  + 'no process environments.';

function ps(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('ps', args, { timeout: PS_TIMEOUT_MS, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (!err) return resolve(stdout);
      const why = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'there is no `ps` on PATH' : stderr.trim() || err.message;
      reject(new DemoError('INTERNAL', `Cannot read the process table: ${why}.`, {
        detail: 'This machine has no /proc, so process facts come from ps.', cause: err,
      }));
    });
  });
}

/** `read`, shared by every call made before it starts; a call made while it runs waits for the next one. */
export function coalesced<T>(read: () => Promise<T>): () => Promise<T> {
  let queued: Promise<T> | null = null;
  let previous: Promise<unknown> = Promise.resolve();
  return () => {
    if (queued) return queued;
    const next = previous
      .then(() => new Promise(setImmediate)) // the calls of this turn of the event loop join in
      .then(() => {
        queued = null;
        return read();
      });
    queued = next;
    previous = next.catch(() => undefined);
    return next;
  };
}

export function psSource(platform: NodeJS.Platform = process.platform): ProcessSource {
  const environmentFlag = ENVIRONMENT_FLAG[platform];
  const processes = coalesced(async () => parseProcessLines(await ps(['-A', '-ww', '-o', PROCESS_COLUMNS])));
  const commands = coalesced(async () => parseCommandLines(await ps(['-A', '-ww', '-o', COMMAND_COLUMNS])));
  const environments = coalesced(async () =>
    parseCommandLines(await ps(['-A', '-ww', '-o', COMMAND_COLUMNS, environmentFlag!])));
  let environmentShown: Promise<boolean> | undefined;

  /** The processes of one table joined with a per-pid fact read at the same time; a process in one only is gone. */
  async function joined<T>(facts: Promise<Map<number, T>>): Promise<Array<[ProcInfo, T]>> {
    const [infos, byPid] = await Promise.all([processes(), facts]);
    return infos.filter((p) => byPid.has(p.pid)).map((p) => [p, byPid.get(p.pid)!]);
  }

  return {
    kind: 'ps',
    info: async (pid) => (await processes()).find((p) => p.pid === pid) ?? null,
    list: processes,
    async listWithCommands(): Promise<WithCommand[]> {
      return (await joined(commands())).map(([info, command]) => ({ ...info, command }));
    },
    commandLine: async (pid) => (await commands()).get(pid) ?? '',
    async listWithEnvironment(name: string): Promise<WithValue[]> {
      if (!environmentFlag) return [];
      const found: WithValue[] = [];
      for (const [info, line] of await joined(environments())) {
        const value = environmentValue(line, name);
        if (value !== null) found.push({ ...info, value });
      }
      return found;
    },
    async limits(): Promise<string[]> {
      // our own environment is always ours to read: when even it is missing, this ps shows none
      environmentShown ??= environmentFlag
        ? ps(['-ww', '-o', 'command=', environmentFlag, '-p', String(process.pid)])
          .then((line) => / [A-Za-z_][A-Za-z0-9_]*=/.test(line), () => false)
        : Promise.resolve(false);
      return (await environmentShown) ? [] : [ENVIRONMENT_LIMIT];
    },
  };
}
