// Starting, steering and stopping the embedded backend's link relay (relay-main.ts): a detached process, like the
// servers it stands between, found again through its pid file by any later CLI or sidecar process.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { openSync, closeSync } from 'node:fs';
import { rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DemoError } from '../../../../shared/errors';
import { isLive, killNow, procInfo, processesWhoseCommandMentions } from '../../../system/proc';
import { readSmallFile } from '../../../system/small-file';
import type { LinkStatus, NodeName } from '../../../../shared/types';
import { pollUntil } from '../../poll';
import type { NodePorts } from '../context';
import { tailOf } from '../run-tool';
import { LINK_APPLIED_FILE, LINK_FILE, RELAY_COMMAND_MARK, RELAY_PID_FILE, RELAY_VERSION, type LinkFile } from './link-files';
import type { RelayFront } from './link-relay';
import { compiledEntry } from '../../../compiled/compiled-entry.mjs';

const RELAY_MAIN = fileURLToPath(new URL('./relay-main.ts', import.meta.url));
const PROJECT_DIR = fileURLToPath(new URL('../../../..', import.meta.url));
const APPLY_TIMEOUT_MS = 5_000;

interface PidFile {
  pid: number;
  fronts: RelayFront[];
  version?: number;
}

export class LinkControl {
  constructor(private readonly stateDir: string, private readonly logFile: string) {}

  #path(name: string): string {
    return join(this.stateDir, name);
  }

  #readJson<T>(name: string): T | null {
    const text = readSmallFile(this.#path(name));
    try {
      return text === null ? null : (JSON.parse(text) as T);
    } catch {
      return null;
    }
  }

  /** The running relay, or null. */
  async running(): Promise<PidFile | null> {
    const file = this.#readJson<PidFile>(RELAY_PID_FILE);
    if (!file || !isLive(await procInfo(file.pid))) return null;
    return file;
  }

  /** The faults wanted (and, while the relay runs, in place). */
  async read(): Promise<LinkStatus> {
    const file = this.#readJson<LinkFile>(LINK_FILE);
    const links = file?.links ?? [];
    return { partitioned: file?.partitioned ?? [], latencyMs: file?.latencyMs ?? 0, ...(links.length ? { links } : {}) };
  }

  /**
   * Starts the relay with these fronts unless it already runs with them, with `faults` in place (default: the last
   * ones set); waits until it listens.
   */
  async ensureRunning(fronts: RelayFront[], faults?: LinkStatus): Promise<void> {
    const current = await this.running();
    if (current && current.version === RELAY_VERSION && JSON.stringify(current.fronts) === JSON.stringify(fronts)) {
      if (faults) await this.set(faults);
      return;
    }
    if (current) await this.stop();
    const id = await this.#write(faults ?? await this.read());
    const log = openSync(this.logFile, 'a', 0o644);
    // compiled, it listens ~0.2 s sooner than through tsx (and costs a start that much less CPU)
    const program = await compiledEntry(RELAY_MAIN).then((file) => [file], () => ['--import', 'tsx', RELAY_MAIN]);
    const child = spawn(process.execPath, [...program, this.stateDir,
      ...fronts.flatMap((f) => ['--front', `${f.name}:${f.listenPort}:${f.targetPort}`])], {
      cwd: PROJECT_DIR, detached: true, stdio: ['ignore', log, log], env: { PATH: process.env.PATH },
    });
    closeSync(log);
    let exited = '';
    child.on('exit', (code) => (exited = `exit code ${code}`));
    child.unref();
    try {
      await pollUntil(async () => {
        if (exited) throw new DemoError('OPERATION_FAILED', `the link relay ended (${exited})`);
        return (await this.running()) !== null && (await this.#applied()) === id;
      }, { timeoutMs: 15_000, intervalMs: 20, what: 'the link relay to listen' });
    } catch (err) {
      throw new DemoError('OPERATION_FAILED', 'The link relay between the nodes did not start.',
        { detail: await tailOf(this.logFile, 8), cause: err });
    }
  }

  /** Puts these faults in place (the relay must run) and waits until it has. */
  async set(link: LinkStatus): Promise<void> {
    if (!(await this.running())) {
      throw new DemoError('INVALID_STATE', 'The link relay between the nodes is not running.', {
        detail: '`pgdemo cluster up` (or reset) starts it again.',
      });
    }
    const id = await this.#write(link);
    try {
      await pollUntil(async () => (await this.#applied()) === id,
        { timeoutMs: APPLY_TIMEOUT_MS, intervalMs: 10, what: 'the link relay to apply the change' });
    } catch (err) {
      throw new DemoError('OPERATION_FAILED', 'The link relay did not apply the change.',
        { detail: await tailOf(this.logFile, 8), cause: err });
    }
  }

  /** Relay processes of this state folder by their command line: found even when the pid file went with the folder. */
  async processes(): Promise<number[]> {
    return (await processesWhoseCommandMentions(RELAY_COMMAND_MARK))
      .filter((p) => p.command.split(' ').includes(this.stateDir)).map((p) => p.pid);
  }

  async stop(): Promise<boolean> {
    const current = await this.running();
    if (!current) {
      // no pid file (the state folder was removed under it): by its command line
      const strays = await this.processes();
      killNow(strays);
      return strays.length > 0;
    }
    process.kill(current.pid, 'SIGTERM');
    const gone = async () => !isLive(await procInfo(current.pid));
    await pollUntil(gone, { timeoutMs: 2_000, intervalMs: 10, what: 'the link relay to stop' })
      .catch(() => process.kill(current.pid, 'SIGKILL'));
    return true;
  }

  async #applied(): Promise<string | null> {
    return this.#readJson<{ id: string }>(LINK_APPLIED_FILE)?.id ?? null;
  }

  async #write(link: LinkStatus): Promise<string> {
    const content: LinkFile = {
      id: randomUUID(), partitioned: [...link.partitioned], latencyMs: link.latencyMs, links: [...link.links ?? []],
    };
    const tmp = `${this.#path(LINK_FILE)}.${process.pid}.tmp`;
    await writeFile(tmp, `${JSON.stringify(content)}\n`);
    await rename(tmp, this.#path(LINK_FILE));
    return content.id;
  }
}

/** The relay's fronts: each node that has both ports reached at its peer port. */
export function relayFronts(ports: NodePorts, peerPorts: NodePorts): RelayFront[] {
  return (Object.keys(ports) as NodeName[]).flatMap((name) => {
    const [listenPort, targetPort] = [peerPorts[name], ports[name]];
    return listenPort !== undefined && targetPort !== undefined ? [{ name, listenPort, targetPort }] : [];
  });
}
