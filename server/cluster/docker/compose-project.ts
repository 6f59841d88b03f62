// The compose file's objects on a Docker engine, created and driven through dockerode rather than by shelling out
// to docker-compose: the node scripts are copied in with putArchive instead of bind-mounted, so a remote engine
// (DOCKER_HOST=tcp://… or ssh://…) works without this machine's files, and nothing depends on which Compose is
// installed (Debian has only v1, others only v2).
import { posix } from 'node:path';
import type Docker from 'dockerode';
import { DemoError } from '../../../shared/errors';
import { pollUntil } from '../poll';
import { type ComposePlan, type ServicePlan, loadComposeFile } from './compose-file';
import { type Engine, connectEngine, requireEngine, requireImage, statusOf, tolerate } from './engine';
import { tarFs } from './docker-packages';
import { execIn, execOk } from './exec';
import type { Env } from './interpolate';
import { demuxToText } from './logs';

export interface UpReport {
  /** containers made by this call */
  created: string[];
  /** containers this call started (or unpaused) */
  started: string[];
  durationMs: number;
}

export interface OpenOptions {
  composeFile?: string;
  /** for the compose file's ${VAR}s; default process.env */
  env?: Env;
  /** default: DOCKER_HOST of `env`, else the local socket */
  engine?: Engine;
  /** Compose's --profile: services with a profile are made by `up` only when it is listed here */
  profiles?: readonly string[];
}

export class ComposeProject {
  readonly plan: ComposePlan;
  readonly engine: Engine;
  readonly #profiles: readonly string[];

  constructor(plan: ComposePlan, engine: Engine, profiles: readonly string[] = []) {
    this.plan = plan;
    this.engine = engine;
    this.#profiles = profiles;
  }

  static async open(options: OpenOptions = {}): Promise<ComposeProject> {
    const env = options.env ?? process.env;
    const plan = await loadComposeFile(options.composeFile, env);
    return new ComposeProject(plan, options.engine ?? connectEngine(env.DOCKER_HOST), options.profiles);
  }

  /** What `up` makes, as Compose's --profile decides; down and destroy act on every service that exists. */
  get activeServices(): ServicePlan[] {
    return this.plan.services.filter((s) => s.profiles.length === 0 || s.profiles.some((p) => this.#profiles.includes(p)));
  }

  private get docker(): Docker {
    return this.engine.docker;
  }

  service(name: string): ServicePlan {
    const plan = this.plan.services.find((s) => s.service === name || s.containerName === name);
    if (!plan) throw new DemoError('NOT_FOUND', `No service ${name} in ${this.plan.file}.`);
    return plan;
  }

  /** Creates what is missing and starts what is not running, dependencies first; resolves when the pair streams. */
  async up(timeoutMs = 120_000): Promise<UpReport> {
    const started = Date.now();
    await requireEngine(this.engine);
    for (const image of new Set(this.activeServices.map((s) => s.image))) await requireImage(this.engine, image);
    await tolerate(this.docker.createNetwork({ Name: this.plan.network, Driver: 'bridge', CheckDuplicate: true }), 409);
    for (const name of this.plan.volumes) await tolerate(this.docker.createVolume({ Name: name }), 409);

    const report: UpReport = { created: [], started: [], durationMs: 0 };
    for (const plan of this.activeServices) {
      const container = this.docker.getContainer(plan.containerName);
      let info = await tolerate(container.inspect(), 404);
      const fresh = !info;
      if (!info) {
        await this.docker.createContainer(plan.create);
        report.created.push(plan.containerName);
        info = await container.inspect();
      }
      if (info.State.Paused) {
        await container.unpause();
        report.started.push(plan.containerName);
      } else if (!info.State.Running) {
        await this.copyFiles(plan);
        await container.start();
        report.started.push(plan.containerName);
        // an entrypoint that died at once makes this exec fail: report the container's own words instead
        if (fresh) await this.ownVolumes(plan).catch(async (err: unknown) => { await this.failIfExited(plan); throw err; });
      }
      await this.waitHealthy(plan, started + timeoutMs - Date.now());
    }
    await this.waitStreaming(Math.max(1_000, started + timeoutMs - Date.now()));
    report.durationMs = Date.now() - started;
    return report;
  }

  /** Stops every container (primary first: its shutdown checkpoint then reaches the standby). Keeps all data. */
  async down(): Promise<void> {
    await requireEngine(this.engine);
    const containers = this.plan.services.map((plan) => this.docker.getContainer(plan.containerName));
    // every frozen container first: a frozen standby would hold the primary's fast shutdown (its walsender waits for
    // the standby to confirm the shutdown checkpoint) until Docker's grace period ends in SIGKILL
    await Promise.all(containers.map(async (container) => {
      if ((await tolerate(container.inspect(), 404))?.State.Paused) await tolerate(container.unpause(), 409);
    }));
    for (const container of containers) await tolerate(container.stop(), 304, 404);
  }

  /** Removes the containers, the volumes and the network: nothing of the project is left on the engine. */
  async destroy(): Promise<void> {
    await requireEngine(this.engine);
    for (const plan of [...this.plan.services].reverse()) {
      await tolerate(this.docker.getContainer(plan.containerName).remove({ force: true, v: true }), 404);
    }
    for (const name of this.plan.volumes) await tolerate(this.docker.getVolume(name).remove(), 404);
    await tolerate(this.docker.getNetwork(this.plan.network).remove(), 404);
  }

  /**
   * One service's container, made when missing and started with `beforeStart` done first (the backend's hold flag:
   * the entrypoint then makes no data and starts no server); its volumes handed over. No healthcheck, no wait.
   */
  async startService(name: string, beforeStart: () => Promise<void>): Promise<void> {
    const plan = this.service(name);
    const container = this.docker.getContainer(plan.containerName);
    const fresh = !(await tolerate(container.inspect(), 404));
    if (fresh) {
      await this.docker.createContainer(plan.create);
      await this.copyFiles(plan);
    }
    await beforeStart();
    await container.start();
    if (fresh) await this.ownVolumes(plan).catch(async (err: unknown) => { await this.failIfExited(plan); throw err; });
  }

  /** Bind mounts of the compose file, delivered as copies: a remote engine has no access to our folders. */
  private async copyFiles(plan: ServicePlan): Promise<void> {
    for (const copy of plan.copies) {
      const prefix = copy.containerPath.replace(/^\/+/, '');
      const archive = tarFs().pack(copy.hostDir, {
        // root-owned, like a read-only mount: the node's user can run the scripts but not change them
        map: (header) => ({ ...header, name: posix.join(prefix, header.name), uid: 0, gid: 0, uname: 'root', gname: 'root' }),
      });
      await this.docker.getContainer(plan.containerName).putArchive(archive, { path: '/' });
    }
  }

  /**
   * A fresh named volume belongs to whoever owns the folder it is mounted on in the image; where that is root (the
   * official image has no golden folder), hand it to the service's user, who runs everything in the node.
   */
  private async ownVolumes(plan: ServicePlan): Promise<void> {
    if (plan.volumeTargets.length === 0 || plan.user === 'root') return;
    const owner = plan.user.includes(':') ? plan.user : `${plan.user}:`;
    await execOk(this.docker, plan.containerName, ['chown', owner, ...plan.volumeTargets], { user: 'root' });
  }

  /** Runs the service's healthcheck command ourselves, tightly, instead of waiting for Docker's interval. */
  private async waitHealthy(plan: ServicePlan, timeoutMs: number): Promise<void> {
    const check = plan.healthCommand;
    if (!check) return;
    await this.withLogsOnTimeout(plan, () => pollUntil(async () => {
      await this.failIfExited(plan);
      return (await execIn(this.docker, plan.containerName, check, { timeoutMs: 5_000 })).exitCode === 0;
    }, { timeoutMs: Math.max(1_000, timeoutMs), intervalMs: 100, what: `${plan.containerName} to be healthy` }));
  }

  /** Each standby of the file (PGDEMO_UPSTREAM set) streams from its upstream under its application_name. */
  private async waitStreaming(timeoutMs: number): Promise<void> {
    for (const standby of this.activeServices.filter((s) => s.environment.PGDEMO_UPSTREAM)) {
      const upstream = this.service(standby.environment.PGDEMO_UPSTREAM!);
      const app = standby.environment.PGDEMO_APPLICATION_NAME ?? standby.service;
      const sql = `SELECT state FROM pg_stat_replication WHERE application_name = '${app.replaceAll("'", "''")}'`;
      await this.withLogsOnTimeout(standby, () => pollUntil(async () => {
        const result = await execIn(this.docker, upstream.containerName, ['psql', '-U', 'postgres', '-Atc', sql], { timeoutMs: 5_000 });
        return result.stdout.split('\n').includes('streaming');
      }, { timeoutMs, intervalMs: 100, what: `${standby.containerName} to stream from ${upstream.containerName}` }));
    }
  }

  private async failIfExited(plan: ServicePlan): Promise<void> {
    const info = await this.docker.getContainer(plan.containerName).inspect();
    if (info.State.Running) return;
    throw new DemoError('OPERATION_FAILED', `${plan.containerName} exited (status ${info.State.ExitCode}) while starting.`,
      { detail: await this.logTail(plan) });
  }

  private async withLogsOnTimeout<T>(plan: ServicePlan, wait: () => Promise<T>): Promise<T> {
    try {
      return await wait();
    } catch (err) {
      if (!(err instanceof DemoError) || err.code !== 'TIMEOUT') throw err;
      throw new DemoError('TIMEOUT', err.message, { detail: await this.logTail(plan), cause: err });
    }
  }

  /** The last lines of `docker logs` (entrypoint messages and the server log), for error details. */
  async logTail(plan: ServicePlan, lines = 20): Promise<string> {
    try {
      const buffer = await this.docker.getContainer(plan.containerName).logs({ stdout: true, stderr: true, tail: lines });
      // non-TTY logs carry an 8-byte frame header per chunk
      return demuxToText(buffer);
    } catch (err) {
      return `(no logs: ${statusOf(err) ?? (err as Error).message})`;
    }
  }
}
