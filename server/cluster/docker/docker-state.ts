// What the docker backend records in the state folder (docker.json): what cannot be read back from the engine
// cheaply or at all — the superuser password we chose, the published ports, the image's postgres user, whether the
// start state was saved, and the network faults in place.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { DemoError } from '../../../shared/errors';
import { PAIR_NODES } from '../../../shared/topology';
import { NODE_NAMES } from '../../../shared/types';
import { linkFault } from '../../../shared/payloads';

/** the pair's ports always; the third node's when the build reserved one (every build since topologies) */
const nodePorts = z.strictObject({
  ...Object.fromEntries(PAIR_NODES.map((n) => [n, z.number().int()])) as Record<(typeof PAIR_NODES)[number], z.ZodNumber>,
  'postgres-standby2': z.number().int().optional(),
});

const stateSchema = z.strictObject({
  version: z.literal(1),
  image: z.string(),
  ports: nodePorts,
  password: z.string().min(1),
  /** the image's postgres user: files we put into a node must be its */
  uid: z.number().int(),
  gid: z.number().int(),
  pgVersion: z.string(),
  /** both golden volumes hold the start state */
  startStateSaved: z.boolean(),
  link: z.strictObject({
    partitioned: z.array(z.enum(NODE_NAMES)), latencyMs: z.number().int().min(0), links: z.array(linkFault).optional(),
  }),
  created: z.string(),
});

export type DockerStateFile = z.infer<typeof stateSchema>;

export class DockerState {
  /** the record as this process last read or wrote it: what synchronous callers go by */
  #known: DockerStateFile | null = null;

  constructor(readonly stateDir: string) {}

  get file(): string {
    return join(this.stateDir, 'docker.json');
  }

  /** null when there is none; INVALID_STATE when it cannot be understood. */
  async read(): Promise<DockerStateFile | null> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch {
      return null;
    }
    const parsed = stateSchema.safeParse((() => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        return undefined;
      }
    })());
    if (!parsed.success) {
      throw new DemoError('INVALID_STATE', `${this.file} is damaged.`, {
        detail: 'Run `pgdemo cluster destroy --backend docker` (or delete the file) and `up` to build a fresh pair.',
      });
    }
    return parsed.data;
  }

  /** read(), remembered as the last copy seen (null too: there is none now). */
  async refresh(): Promise<DockerStateFile | null> {
    this.#known = await this.read();
    return this.#known;
  }

  /** The record, remembered, or INVALID_STATE when there is none: the cluster must have been built. */
  async recorded(): Promise<DockerStateFile> {
    const state = await this.read();
    if (!state) throw new DemoError('INVALID_STATE', `There is no docker cluster in ${this.stateDir} yet; run \`up\` first.`);
    this.#known = state;
    return state;
  }

  /** The record as this process last read or wrote it; null when it has seen none (or none was there). */
  get last(): DockerStateFile | null {
    return this.#known;
  }

  /** The record as last seen, else read now: another process (a CLI `up`) may have built the pair since. */
  known(): DockerStateFile | null {
    this.#known ??= this.readSync();
    return this.#known;
  }

  /** For synchronous callers (a connection's settings): null when absent or unreadable. */
  readSync(): DockerStateFile | null {
    try {
      return stateSchema.parse(JSON.parse(readFileSync(this.file, 'utf8')));
    } catch {
      return null;
    }
  }

  /** write-then-rename, mode 0600: it holds the superuser's password */
  async write(state: DockerStateFile): Promise<void> {
    await mkdir(this.stateDir, { recursive: true });
    const tmp = `${this.file}.${randomBytes(4).toString('hex')}.tmp`;
    await writeFile(tmp, `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 });
    await rename(tmp, this.file);
    this.#known = state;
  }

  async update(change: (state: DockerStateFile) => DockerStateFile): Promise<DockerStateFile> {
    const current = await this.read();
    if (!current) throw new DemoError('INVALID_STATE', `There is no docker cluster recorded in ${this.stateDir}; run \`up\` first.`);
    const next = change(current);
    await this.write(next);
    return next;
  }
}

export const newPassword = () => randomBytes(18).toString('base64url');
