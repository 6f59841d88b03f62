// compose/docker-compose.yml turned into the Engine objects to create: one network, named volumes, and per service
// the dockerode create options. The file is the one source of the containers' settings: a service added to it is a
// container more, with no code to change. Bind mounts become copies (putArchive before start), so the same plan works
// on a remote engine that cannot see this machine's files.
import { readFile } from 'node:fs/promises';
import { basename, dirname, isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type Docker from 'dockerode';
import { DemoError } from '../../../shared/errors';
import { composeSchema, type ComposeDocument, type ComposeService } from './compose-schema';
import { type Env, interpolateTree } from './interpolate';
import { yaml } from './docker-packages';

export const DEFAULT_COMPOSE_FILE = resolve(dirname(fileURLToPath(import.meta.url)), '../../../compose/docker-compose.yml');

/** A host folder copied into the container before it starts (what the compose file writes as a bind mount). */
export interface FileCopy {
  hostDir: string;
  containerPath: string;
}

export interface ServicePlan {
  service: string;
  containerName: string;
  image: string;
  user: string;
  environment: Record<string, string>;
  /** Compose profiles: a service with any is made only when one of them is asked for; none: always */
  profiles: string[];
  /** where the writable named volumes are mounted (the node's data and golden folders) */
  volumeTargets: string[];
  copies: FileCopy[];
  /** the healthcheck's command as an exec argv, or null when the service has none */
  healthCommand: string[] | null;
  create: Docker.ContainerCreateOptions;
}

export interface ComposePlan {
  file: string;
  network: string;
  volumes: string[];
  /** in the file's order, which puts each service after those it depends on */
  services: ServicePlan[];
}

export async function loadComposeFile(file = DEFAULT_COMPOSE_FILE, env: Env = process.env): Promise<ComposePlan> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new DemoError('NOT_FOUND', `Cannot read the compose file ${file}.`, { cause: err });
  }
  return planCompose(text, { file, env });
}

/** The plan for a compose file's text; `file` locates relative bind-mount sources and names it in errors. */
export function planCompose(text: string, options: { file: string; env: Env }): ComposePlan {
  const { file, env } = options;
  const doc = validate(interpolateTree(yaml().parse(text, { merge: true }), env, basename(file)), file);
  // Compose's project name (COMPOSE_PROJECT_NAME, else the folder's name): objects without an explicit `name:` carry
  // it, and the containers carry Compose's labels, so `docker-compose down` also removes a pair we made.
  const project = (env.COMPOSE_PROJECT_NAME || basename(dirname(file))).toLowerCase().replace(/[^a-z0-9_-]/g, '');
  const engineName = (kind: 'networks' | 'volumes', key: string) => doc[kind]?.[key]?.name ?? `${project}_${key}`;
  const [networkKey, ...more] = Object.keys(doc.networks);
  if (!networkKey || more.length > 0) {
    throw new DemoError('BAD_REQUEST', `${file}: the docker backend needs exactly one network, found ${more.length + (networkKey ? 1 : 0)}.`);
  }
  const volumeKeys = Object.keys(doc.volumes ?? {});
  const context: PlanContext = { file, project, network: engineName('networks', networkKey), networkKey, volumeKeys, engineName };
  const order = Object.keys(doc.services);
  return {
    file,
    network: context.network,
    volumes: volumeKeys.map((key) => engineName('volumes', key)),
    services: Object.entries(doc.services).map(([service, spec]) => {
      for (const dependency of Object.keys(spec.depends_on ?? {})) {
        if (order.indexOf(dependency) < 0 || order.indexOf(dependency) > order.indexOf(service)) {
          throw new DemoError('BAD_REQUEST', `${file}: ${service} depends on ${dependency}, which must be a service written before it`);
        }
      }
      return planService(service, spec, context);
    }),
  };
}

function validate(tree: unknown, file: string): ComposeDocument {
  const result = composeSchema.safeParse(tree);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `${issue.path.join('.') || '(top)'}: ${issue.message}`);
  throw new DemoError('BAD_REQUEST', `${file} is not a compose file the docker backend can use.`,
    { detail: problems.join('\n') });
}

interface PlanContext {
  file: string;
  project: string;
  network: string;
  networkKey: string;
  volumeKeys: string[];
  engineName: (kind: 'networks' | 'volumes', key: string) => string;
}

const NANOSECONDS = { ms: 1e6, s: 1e9, m: 60e9, h: 3600e9 } as const;
/** "2s", "500ms" (the schema's form) → nanoseconds, the Engine's healthcheck unit */
const nanoseconds = (text: string) => Number.parseInt(text, 10) * NANOSECONDS[/[a-z]+$/.exec(text)![0] as keyof typeof NANOSECONDS];
const BYTES = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 } as const;
/** "256m" (the schema's form) → bytes: Compose's sizes are binary */
const bytes = (text: string) => Number.parseInt(text, 10) * BYTES[/[kmg]?$/.exec(text)![0] as keyof typeof BYTES];

/**
 * "127.0.0.1:54320:5432": only loopback is accepted, the project never listens on other addresses, and a published
 * PostgreSQL port on 0.0.0.0 would be reachable from the network.
 */
function portBinding(spec: string, where: string): { hostPort: string; containerPort: string } {
  const match = /^(?:([^:]+):)?(\d+):(\d+)$/.exec(spec);
  if (!match) throw new DemoError('BAD_REQUEST', `${where}: "${spec}" is not HOST_IP:HOST_PORT:CONTAINER_PORT`);
  const [, hostIp, hostPort, containerPort] = match;
  if (hostIp !== '127.0.0.1') {
    throw new DemoError('BAD_REQUEST', `${where}: "${spec}" must publish on 127.0.0.1 only (write 127.0.0.1:${hostPort}:${containerPort})`);
  }
  return { hostPort: hostPort!, containerPort: `${containerPort}/tcp` };
}

function planService(service: string, spec: ComposeService, ctx: PlanContext): ServicePlan {
  const where = `${ctx.file}: services.${service}`;
  const containerName = spec.container_name ?? service;
  const user = spec.user ?? 'root';
  const environment = Object.fromEntries(Object.entries(spec.environment ?? {}).map(([k, v]) => [k, String(v)]));
  if ((spec.networks ?? [ctx.networkKey]).some((n) => n !== ctx.networkKey)) {
    throw new DemoError('BAD_REQUEST', `${where}.networks: only the network "${ctx.networkKey}" exists.`);
  }

  const mounts: Docker.MountSettings[] = [];
  const copies: FileCopy[] = [];
  for (const volume of spec.volumes ?? []) {
    const [source, target, mode, ...rest] = volume.split(':');
    if (!source || !target || rest.length > 0 || (mode && !['ro', 'rw'].includes(mode))) {
      throw new DemoError('BAD_REQUEST', `${where}.volumes: "${volume}" is not SOURCE:TARGET[:ro|rw]`);
    }
    if (source.startsWith('.') || isAbsolute(source)) {
      copies.push({ hostDir: resolve(dirname(ctx.file), source), containerPath: target });
    } else if (ctx.volumeKeys.includes(source)) {
      mounts.push({ Type: 'volume', Source: ctx.engineName('volumes', source), Target: target, ReadOnly: mode === 'ro' });
    } else {
      throw new DemoError('BAD_REQUEST', `${where}.volumes: "${source}" is neither a path nor a volume declared at the top level`);
    }
  }

  const ports = (spec.ports ?? []).map((p) => portBinding(p, `${where}.ports`));
  const health = spec.healthcheck;
  const optional = (text: string | undefined) => (text === undefined ? undefined : nanoseconds(text));
  const create: Docker.ContainerCreateOptions = {
    name: containerName,
    Image: spec.image,
    User: user,
    Hostname: spec.hostname,
    Env: Object.entries(environment).map(([k, v]) => `${k}=${v}`),
    Entrypoint: spec.entrypoint,
    Labels: {
      ...spec.labels,
      'com.docker.compose.project': ctx.project,
      'com.docker.compose.service': service,
      'com.docker.compose.oneoff': 'False',
      'com.docker.compose.container-number': '1',
    },
    StopSignal: spec.stop_signal,
    StopTimeout: spec.stop_grace_period ? Math.ceil(nanoseconds(spec.stop_grace_period) / 1e9) : undefined,
    ExposedPorts: Object.fromEntries(ports.map((p) => [p.containerPort, {}])),
    Healthcheck: health && {
      Test: health.test,
      Interval: optional(health.interval),
      Timeout: optional(health.timeout),
      StartPeriod: optional(health.start_period),
      Retries: health.retries,
    },
    HostConfig: {
      Init: spec.init,
      NetworkMode: ctx.network,
      Mounts: mounts,
      PortBindings: Object.fromEntries(ports.map((p) => [p.containerPort, [{ HostIp: '127.0.0.1', HostPort: p.hostPort }]])),
      ShmSize: spec.shm_size === undefined ? undefined : bytes(spec.shm_size),
      RestartPolicy: { Name: 'no' },
    },
    NetworkingConfig: { EndpointsConfig: { [ctx.network]: { Aliases: [service] } } },
  };

  return {
    service,
    containerName,
    image: spec.image,
    user,
    environment,
    profiles: spec.profiles ?? [],
    // a read-only mount (the third node's view of the standby's golden copy) is not handed over: chown would fail
    volumeTargets: mounts.filter((m) => !m.ReadOnly).map((m) => m.Target),
    copies,
    healthCommand: health ? health.test.slice(1) : null,
    create,
  };
}
