// compose/docker-compose.yml turned into the Engine objects to create: one network, named volumes, and per service
// the dockerode create options. Bind mounts become copies (putArchive before start), so the same plan works on a
// remote engine that cannot see this machine's files.
import { readFile } from 'node:fs/promises';
import { basename, dirname, isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type Docker from 'dockerode';
import { DemoError } from '../../../shared/errors';
import { composeSchema, type ComposeDocument, type ComposeService } from './compose-schema';
import { durationNs, keyValues, portBinding, sizeBytes } from './compose-values';
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
  /** services that must be up before this one, from depends_on */
  dependsOn: string[];
  /** where the named volumes are mounted (the node's data and golden folders) */
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
  /** dependencies first */
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

  const networkKeys = Object.keys(doc.networks ?? {});
  if (networkKeys.length !== 1) {
    throw new DemoError('BAD_REQUEST', `${file}: the docker backend needs exactly one network, found ${networkKeys.length}.`);
  }
  const network = engineName('networks', networkKeys[0]!);
  const volumeKeys = Object.keys(doc.volumes ?? {});

  const services = Object.entries(doc.services).map(([service, spec]) =>
    planService(service, spec, { file, env, project, network, networkKey: networkKeys[0]!, volumeKeys, engineName }));
  return {
    file,
    network,
    volumes: volumeKeys.map((key) => engineName('volumes', key)),
    services: dependenciesFirst(services, file),
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
  env: Env;
  project: string;
  network: string;
  networkKey: string;
  volumeKeys: string[];
  engineName: (kind: 'networks' | 'volumes', key: string) => string;
}

function planService(service: string, spec: ComposeService, ctx: PlanContext): ServicePlan {
  const where = `${ctx.file}: services.${service}`;
  const containerName = spec.container_name ?? service;
  const user = spec.user ?? 'root';
  const environment = keyValues(spec.environment, ctx.env);
  const networks = Array.isArray(spec.networks) ? spec.networks : Object.keys(spec.networks ?? { [ctx.networkKey]: null });
  if (networks.some((n) => n !== ctx.networkKey)) {
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
  const health = spec.healthcheck && !spec.healthcheck.disable ? spec.healthcheck : undefined;
  const healthTest = health && (typeof health.test === 'string' ? ['CMD-SHELL', health.test] : health.test);
  const asList = (v: string | string[] | undefined) => (typeof v === 'string' ? ['sh', '-c', v] : v);

  const create: Docker.ContainerCreateOptions = {
    name: containerName,
    Image: spec.image,
    User: user,
    Hostname: spec.hostname,
    Env: Object.entries(environment).map(([k, v]) => `${k}=${v}`),
    Entrypoint: asList(spec.entrypoint),
    Cmd: asList(spec.command),
    WorkingDir: spec.working_dir,
    Labels: {
      ...keyValues(spec.labels),
      'com.docker.compose.project': ctx.project,
      'com.docker.compose.service': service,
      'com.docker.compose.oneoff': 'False',
      'com.docker.compose.container-number': '1',
    },
    StopSignal: spec.stop_signal,
    StopTimeout: spec.stop_grace_period ? Math.ceil(durationNs(spec.stop_grace_period, where) / 1e9) : undefined,
    ExposedPorts: Object.fromEntries(ports.map((p) => [p.containerPort, {}])),
    Healthcheck: healthTest && {
      Test: healthTest,
      Interval: health.interval ? durationNs(health.interval, where) : undefined,
      Timeout: health.timeout ? durationNs(health.timeout, where) : undefined,
      StartPeriod: health.start_period ? durationNs(health.start_period, where) : undefined,
      Retries: health.retries,
    },
    HostConfig: {
      Init: spec.init,
      NetworkMode: ctx.network,
      Mounts: mounts,
      PortBindings: Object.fromEntries(ports.map((p) => [p.containerPort, [{ HostIp: p.hostIp, HostPort: p.hostPort }]])),
      ShmSize: spec.shm_size === undefined ? undefined : sizeBytes(spec.shm_size, where),
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
    dependsOn: Array.isArray(spec.depends_on) ? spec.depends_on : Object.keys(spec.depends_on ?? {}),
    volumeTargets: mounts.map((m) => m.Target),
    copies,
    healthCommand: healthTest ? execForm(healthTest) : null,
    create,
  };
}

/** A healthcheck's Test as the argv an exec runs: ["CMD", …] → …; ["CMD-SHELL", s] → sh -c s. */
function execForm(test: string[]): string[] | null {
  const [kind, ...rest] = test;
  if (kind === 'CMD') return rest;
  if (kind === 'CMD-SHELL') return ['sh', '-c', rest.join(' ')];
  return null;
}

function dependenciesFirst(services: ServicePlan[], file: string): ServicePlan[] {
  const byName = new Map(services.map((s) => [s.service, s]));
  const ordered: ServicePlan[] = [];
  const visiting = new Set<string>();
  const visit = (plan: ServicePlan) => {
    if (ordered.includes(plan)) return;
    if (visiting.has(plan.service)) throw new DemoError('BAD_REQUEST', `${file}: depends_on has a cycle through ${plan.service}`);
    visiting.add(plan.service);
    for (const dep of plan.dependsOn) {
      const target = byName.get(dep);
      if (!target) throw new DemoError('BAD_REQUEST', `${file}: ${plan.service} depends on unknown service ${dep}`);
      visit(target);
    }
    ordered.push(plan);
  };
  services.forEach(visit);
  return ordered;
}
