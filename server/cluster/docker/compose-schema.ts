// The part of the Compose file format the docker backend understands. Anything else is refused by name, so a key
// added to compose/docker-compose.yml that we would silently ignore fails loudly instead.
import { z } from 'zod';

const stringList = z.union([z.string(), z.array(z.string())]);
const scalar = z.union([z.string(), z.number(), z.boolean()]);

const healthcheck = z.strictObject({
  test: stringList,
  interval: z.string().optional(),
  timeout: z.string().optional(),
  retries: z.number().int().optional(),
  start_period: z.string().optional(),
  disable: z.boolean().optional(),
});

const dependsOn = z.union([
  z.array(z.string()),
  z.record(z.string(), z.strictObject({
    condition: z.enum(['service_started', 'service_healthy', 'service_completed_successfully']).optional(),
  })),
]);

export const serviceSchema = z.strictObject({
  image: z.string().min(1),
  container_name: z.string().optional(),
  hostname: z.string().optional(),
  user: z.string().optional(),
  init: z.boolean().optional(),
  entrypoint: stringList.optional(),
  command: stringList.optional(),
  working_dir: z.string().optional(),
  stop_signal: z.string().optional(),
  stop_grace_period: z.string().optional(),
  shm_size: z.union([z.string(), z.number()]).optional(),
  restart: z.literal('no').optional(),
  healthcheck: healthcheck.optional(),
  networks: z.union([z.array(z.string()), z.record(z.string(), z.null())]).optional(),
  environment: z.union([z.array(z.string()), z.record(z.string(), z.union([scalar, z.null()]))]).optional(),
  labels: z.union([z.array(z.string()), z.record(z.string(), scalar)]).optional(),
  ports: z.array(z.string()).optional(),
  volumes: z.array(z.string()).optional(),
  depends_on: dependsOn.optional(),
});

const named = z.union([z.null(), z.strictObject({ name: z.string().optional() })]);

export const composeSchema = z.object({
  services: z.record(z.string(), serviceSchema),
  networks: z.record(z.string(), named).optional(),
  volumes: z.record(z.string(), named).optional(),
}).catchall(z.unknown()).superRefine((doc, ctx) => {
  for (const key of Object.keys(doc)) {
    if (!['services', 'networks', 'volumes', 'version', 'name'].includes(key) && !key.startsWith('x-')) {
      ctx.addIssue({ code: 'custom', path: [key], message: 'not supported by the docker backend' });
    }
  }
});

export type ComposeDocument = z.infer<typeof composeSchema>;
export type ComposeService = z.infer<typeof serviceSchema>;
