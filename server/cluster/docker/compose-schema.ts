// The part of the Compose file format the docker backend reads, in the forms compose/docker-compose.yml writes it
// (maps for environment and labels, lists for the rest). Anything else is refused by name, so a key added to the file
// that we would silently ignore, or a form we would misread, fails loudly instead.
import { z } from 'zod';

const duration = z.string().regex(/^\d+(?:ms|s|m|h)$/, 'a duration like 2s, 500ms or 1m');

export const serviceSchema = z.strictObject({
  image: z.string().min(1),
  container_name: z.string().optional(),
  hostname: z.string().optional(),
  user: z.string().optional(),
  init: z.boolean().optional(),
  entrypoint: z.array(z.string()).optional(),
  stop_signal: z.string().optional(),
  stop_grace_period: duration.optional(),
  shm_size: z.string().regex(/^\d+[kmg]?$/, 'a size like 256m').optional(),
  restart: z.literal('no').optional(),
  healthcheck: z.strictObject({
    test: z.tuple([z.literal('CMD'), z.string()], z.string()),
    interval: duration.optional(),
    timeout: duration.optional(),
    retries: z.number().int().optional(),
    start_period: duration.optional(),
  }).optional(),
  networks: z.array(z.string()).optional(),
  environment: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
  labels: z.record(z.string(), z.string()).optional(),
  ports: z.array(z.string()).optional(),
  volumes: z.array(z.string()).optional(),
  /** a service only made when one of these is asked for (the third node: `three-nodes`) */
  profiles: z.array(z.string().min(1)).optional(),
  depends_on: z.record(z.string(), z.strictObject({ condition: z.literal('service_healthy') })).optional(),
});

const named = z.union([z.null(), z.strictObject({ name: z.string().optional() })]);

export const composeSchema = z.object({
  services: z.record(z.string(), serviceSchema),
  networks: z.record(z.string(), named),
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
