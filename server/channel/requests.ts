// What a page may ask over its channel, each request answered once, by its id: a run, a cancel, a cluster operation.
// The handlers are typed from shared/wire.ts's PAGE_REQUESTS, so a new request there asks for its handler here.
import type { RawData } from 'ws';
import { DemoError } from '../../shared/errors';
import { MAX_MESSAGE_BYTES, pageMessage, type Reply, type ReplyValue, type RequestOf, type RequestType } from '../../shared/wire';
import type { Snippet } from '../../shared/types';
import type { Cluster } from '../cluster/cluster';
import { toDemoError } from '../middlewares/error-handler';
import { actAndReport } from '../operations';
import type { RunRegistry } from '../runner/run-registry';
import { resolveRunRequest } from '../runner/run-request';
import type { DrillSession } from '../drills/drill-session';
import type { PracticeLog } from '../drills/practice-log';
import { drillConsole, drillVerb } from '../drills/verbs';

export type RequestHandlers = { [T in RequestType]: (request: RequestOf<T>) => Promise<ReplyValue<T>> };

export interface RequestDeps {
  cluster: Cluster;
  drills: DrillSession;
  practice: PracticeLog;
  registry: RunRegistry;
  snippets: ReadonlyMap<string, Snippet>;
  brokenSnippets?: ReadonlyMap<string, string>;
  allowEdits: boolean;
}

/** The same allowlist and the same operations as the HTTP routes (routes/run.ts, routes/cluster.ts). */
export function requestHandlers(deps: RequestDeps): RequestHandlers {
  const { registry } = deps;
  return {
    async run({ run }) {
      const { runId, done } = registry.start(resolveRunRequest(run, deps.snippets, deps.allowEdits, deps.brokenSnippets));
      // answered once it has finished: its result went to every page just before, as the `result` event
      await done;
      return { runId };
    },
    cancel: async ({ runId }) => ({ ok: true, ...registry.cancel(runId) }),
    'show-recording': async ({ runId, on }) => {
      registry.showRecording(runId, on);
      return { ok: true };
    },
    cluster: ({ action, params }) => actAndReport(deps.cluster, action, params),
    drill: async ({ verb, body }) => drillVerb(deps.drills, verb, body),
    'drill-answer': () => deps.drills.answer(),
    'drill-console': ({ node, sql }) => drillConsole(deps, { node, sql }),
    practice: () => deps.practice.entries(),
    'practice-demo': ({ demo, ms }) => deps.practice.addDemo({ demo, ms }),
  };
}

function byteLength(data: RawData): number {
  return Array.isArray(data) ? data.reduce((n, b) => n + b.length, 0) : data.byteLength;
}

/** The id a message names, when it names a usable one: a refusal of the rest still goes to the right request. */
function idOf(message: unknown): number {
  const id = (message as { id?: unknown } | null)?.id;
  return typeof id === 'number' && Number.isSafeInteger(id) && id >= 0 ? id : 0;
}

/** The id of a message too large to parse, when it starts with it as the page writes them (`{"id":12,…`). */
function leadingIdOf(data: RawData): number {
  const first = Array.isArray(data) ? data[0] : data;
  const start = Buffer.isBuffer(first) ? first.subarray(0, 32).toString() : first ? Buffer.from(first, 0, 32).toString() : '';
  return idOf({ id: Number(/^\{"id":(\d{1,15})[,}]/.exec(start)?.[1]) });
}

/** One page message in, its reply out (never a throw): parsed, checked, handled, answered with its id. */
export async function answer(data: RawData, handlers: RequestHandlers, reply: (message: Reply) => void,
  /** where a failure of the sidecar's own (INTERNAL) is logged, as the HTTP error middleware does */
  log: (err: unknown) => void): Promise<void> {
  const arrived = performance.now();
  const sidecarMs = () => Math.round((performance.now() - arrived) * 100) / 100;
  let id = 0;
  try {
    if (byteLength(data) > MAX_MESSAGE_BYTES) {
      id = leadingIdOf(data);
      throw new DemoError('PAYLOAD_TOO_LARGE', `The message is larger than the sidecar takes (${MAX_MESSAGE_BYTES / 1024} kB).`);
    }
    let json: unknown;
    try {
      json = JSON.parse(String(data));
    } catch {
      throw new DemoError('BAD_REQUEST', 'The message is not valid JSON.');
    }
    id = idOf(json);
    const request = pageMessage.parse(json);
    const handle = handlers[request.type] as (r: typeof request) => Promise<ReplyValue<typeof request.type>>;
    const value = await handle(request);
    reply({ type: 'reply', id, to: request.type, value, sidecarMs: sidecarMs() } as Reply);
  } catch (err) {
    const { code, message, detail } = toDemoError(err);
    if (code === 'INTERNAL') log(err);
    reply({ type: 'reply', id, error: { code, message, ...(detail ? { detail } : {}) }, sidecarMs: sidecarMs() });
  }
}
