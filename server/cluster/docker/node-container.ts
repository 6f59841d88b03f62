// One node as a container: its state as the engine sees it, whether its server runs, and its files — read and written
// through the Engine's archive API, which works on a stopped container too (a status read must never start one).
import { dirname, basename } from 'node:path';
import type Docker from 'dockerode';
import type { ProcessState } from '../../../shared/types';
import { statusOf, tolerate } from './engine';
import { execOk, type ExecResult } from './exec';
import { tarStream } from './docker-packages';

export type ContainerState = 'missing' | 'running' | 'paused' | 'stopped';

/** Where the node scripts keep their flags (compose/node/lib.sh: PGDEMO_HOLD), in the container's own layer. */
export const HOLD_FILE = '/var/lib/postgresql/pgdemo-hold';

export class NodeContainer {
  constructor(private readonly docker: Docker, readonly name: string) {}

  get #container(): Docker.Container {
    return this.docker.getContainer(this.name);
  }

  async state(): Promise<ContainerState> {
    const info = await tolerate(this.#container.inspect(), 404);
    if (!info) return 'missing';
    if (info.State.Paused) return 'paused';
    return info.State.Running ? 'running' : 'stopped';
  }

  /** One of the container's labels; undefined when the container or the label is missing. */
  async label(key: string): Promise<string | undefined> {
    const info = await tolerate(this.#container.inspect(), 404);
    return info?.Config.Labels?.[key];
  }

  /** The server's process state: a paused container is frozen; a running one runs its server only if a postmaster is there. */
  async processState(): Promise<ProcessState> {
    const state = await this.state();
    if (state === 'paused') return 'frozen';
    if (state !== 'running') return 'stopped';
    return (await this.serverRunning()) ? 'running' : 'stopped';
  }

  /** `docker top`: the engine lists the container's processes from the host, without running anything inside. */
  async serverRunning(): Promise<boolean> {
    const top = await tolerate(this.#container.top({ ps_args: '-o pid,args' }) as Promise<{ Titles: string[]; Processes: string[][] }>, 404, 409);
    const args = top?.Titles.indexOf('COMMAND') ?? -1;
    return Boolean(top?.Processes.some((p) => /(^|\/)postgres\s+-D\s/.test(p[args >= 0 ? args : p.length - 1] ?? '')));
  }

  /** The container's addresses on its networks (none while it is stopped or missing). */
  async addresses(): Promise<string[]> {
    const info = await tolerate(this.#container.inspect(), 404);
    return Object.values(info?.NetworkSettings.Networks ?? {}).map((n) => n.IPAddress).filter(Boolean);
  }

  /** `pgdemo-node <verb> …`, the node's own operations (compose/node/bin/pgdemo-node); fails with its stderr. */
  verb(verb: string, args: string[] = [], timeoutMs = 120_000): Promise<ExecResult> {
    return execOk(this.docker, this.name, ['pgdemo-node', verb, ...args], { timeoutMs });
  }

  /** Its data made its golden copy again (compose/node/bin/pgdemo-node restore-golden), its server stopped first. */
  async restoreGolden(): Promise<void> {
    await this.verb('stop', ['immediate']);
    await this.verb('restore-golden');
  }

  /**
   * Makes the container run, for tools and files, without starting its server when it was stopped (the entrypoint
   * sees the hold flag); returns whether it had to start it.
   */
  async runHeld(owner: { uid: number; gid: number }): Promise<boolean> {
    const state = await this.state();
    if (state === 'paused') await this.#container.unpause();
    if (state === 'running' || state === 'paused') return false;
    await this.putFile(HOLD_FILE, '', { ...owner, mode: 0o600 });
    await this.#container.start();
    await this.verb('wait-ready', [], 65_000);
    return true;
  }

  /** A file's content, or null when it does not exist (the container may be stopped). */
  async readFile(path: string): Promise<Buffer | null> {
    let archive: NodeJS.ReadableStream;
    try {
      archive = await this.#container.getArchive({ path });
    } catch (err) {
      if (statusOf(err) === 404) return null;
      throw err;
    }
    return firstFileOf(archive);
  }

  /** Puts a file in place (its folder must exist), owned and moded as given. */
  async putFile(path: string, content: string, owner: { uid: number; gid: number; mode: number }): Promise<void> {
    const pack = tarStream().pack();
    pack.entry({ name: basename(path), mode: owner.mode, uid: owner.uid, gid: owner.gid }, content);
    pack.finalize();
    await this.#container.putArchive(pack, { path: dirname(path) });
  }
}

/** The content of the first regular file in a tar stream. */
function firstFileOf(archive: NodeJS.ReadableStream): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const extract = tarStream().extract();
    let found: Buffer | null = null;
    extract.on('entry', (header, stream, next) => {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        if (found === null && header.type === 'file') found = Buffer.concat(chunks);
        next();
      });
      stream.resume();
    });
    extract.on('finish', () => resolve(found));
    extract.on('error', reject);
    archive.on('error', reject);
    archive.pipe(extract);
  });
}
