// Shared by the docker tests: whether they can run here (and why not), the env they run the compose file with, and
// the real docker CLI. Only one docker pair can exist at a time (the seed's fixed container names), so these files
// run one after another (vitest: fileParallelism false) and each removes everything it made.
import { execa } from 'execa';
import { DemoError } from '../../../shared/errors';
import { pollUntil } from '../poll';
import { reservePorts } from '../../system/port-reservation';
import type { ComposeProject } from './compose-project';
import { type Engine, connectEngine, requireEngine, requireImage } from './engine';
import { NodeContainer, type ContainerState } from './node-container';

const basePort = Number(process.env.PGDEMO_PORT) || await reservePorts(2);

/** What the tests run compose/docker-compose.yml with (their own ports, the locally built image by default). */
export const DOCKER_TEST_ENV: Record<string, string | undefined> = {
  ...process.env,
  PG_IMAGE: process.env.PG_IMAGE || 'pgdemo/postgres:15',
  PGDEMO_PORT: String(basePort),
  PGDEMO_STANDBY_PORT: process.env.PGDEMO_STANDBY_PORT || String(basePort + 1),
};

/**
 * Why the docker tests cannot run here, or null when they can: no engine answers, or the image is missing.
 * With PGDEMO_REQUIRE_DOCKER=1 (CI) a reason is a failure instead of a skip.
 */
export async function dockerSkipReason(engine: Engine = connectEngine()): Promise<string | null> {
  try {
    await requireEngine(engine, 3_000);
    await requireImage(engine, DOCKER_TEST_ENV.PG_IMAGE!);
    return null;
  } catch (err) {
    const reason = err instanceof DemoError ? err.message : String(err);
    if (process.env.PGDEMO_REQUIRE_DOCKER === '1') throw new Error(`PGDEMO_REQUIRE_DOCKER=1 but: ${reason}`);
    console.warn(`docker tests skipped: ${reason}`);
    return reason;
  }
}

export interface CliResult {
  exitCode: number;
  stdout: string;
  stderr: string;
  durationMs: number;
}

/** The real docker CLI (or docker-compose, or bash for the seed's text as written), never throwing on a non-zero exit. */
export async function cli(file: 'docker' | 'docker-compose' | 'bash', args: string[], options: { env?: Record<string, string | undefined>; timeoutMs?: number } = {}): Promise<CliResult> {
  const started = Date.now();
  const result = await execa(file, args, {
    env: options.env ?? DOCKER_TEST_ENV, extendEnv: false, reject: false, timeout: options.timeoutMs ?? 60_000, stdin: 'ignore',
  });
  if (result.timedOut) throw new Error(`${file} ${args.join(' ')} did not return within ${options.timeoutMs ?? 60_000} ms`);
  return { exitCode: result.exitCode ?? -1, stdout: result.stdout, stderr: result.stderr, durationMs: Date.now() - started };
}

/** `docker …` as a presenter types it. */
export const docker = (...args: string[]) => cli('docker', args);

/** A command block of the seed, run by bash exactly as written. */
export const seedShell = (script: string) => cli('bash', ['-c', script]);

/** Waits until the primary's pg_stat_replication shows `applicationName` streaming (read with docker exec). */
export async function waitStreaming(primary: string, applicationName: string, timeoutMs = 30_000): Promise<void> {
  await pollUntil(async () => {
    const { stdout } = await docker('exec', primary, 'psql', '-U', 'postgres', '-Atc',
      `SELECT state FROM pg_stat_replication WHERE application_name = '${applicationName}'`);
    return stdout.split('\n').includes('streaming');
  }, { timeoutMs, intervalMs: 100, what: `${applicationName} to stream from ${primary}` });
}

export async function commandExists(command: string): Promise<boolean> {
  return (await execa('sh', ['-c', `command -v ${command}`], { reject: false })).exitCode === 0;
}

/** Each container of the project as the engine sees it ('missing' where there is none), in the file's order. */
export function containerStates(project: ComposeProject): Promise<ContainerState[]> {
  return Promise.all(project.plan.services.map((s) => new NodeContainer(project.engine.docker, s.containerName).state()));
}
