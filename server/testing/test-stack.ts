// A pair and a sidecar in front of it, in this process, for the tests that drive the sidecar's API against a real
// cluster of one backend (`npm start` as a whole, deck included, is ./start-stack.ts).
import type { BackendKind, Snippet } from '../../shared/types';
import type { CreateClusterOptions } from '../cluster/factory';
import { testCluster, type TestCluster } from '../cluster/test-support';
import { startSidecar, type RunningSidecar, type SidecarOptions } from '../sidecar/start-sidecar';
import { http, type HttpAnswer } from '../system/http';

export interface TestStackOptions {
  /** the factory's default (PGDEMO_BACKEND, else embedded) when not given */
  backend?: BackendKind;
  snippets: ReadonlyMap<string, Snippet>;
  /** more of the cluster's options (`binDir`) */
  cluster?: Omit<CreateClusterOptions, 'backend' | 'stateDir'>;
  /** more of the sidecar's options (`allowEdits`, `allowedOrigins`, …) */
  sidecar?: Omit<SidecarOptions, 'cluster' | 'snippets'>;
}

export interface TestStack extends TestCluster {
  sidecar: RunningSidecar;
  /** A request to the sidecar with its token (POST when there is a body), as the deck sends it. */
  api(path: string, options?: Parameters<typeof http>[1]): Promise<HttpAnswer>;
  /** the sidecar closed, then the pair destroyed and its folder removed; safe to call twice */
  cleanup(): Promise<void>;
}

export async function testStack(options: TestStackOptions): Promise<TestStack> {
  const t = await testCluster({ ...options.cluster, backend: options.backend });
  let sidecar: RunningSidecar;
  try {
    const report = await t.cluster.up();
    if (!report.ok) throw new Error(`the ${t.cluster.backend} pair did not come up: ${report.detail ?? 'no detail'}`);
    // a test crashes, freezes and removes nodes on purpose: the feed's "status unavailable" lines are noise there
    sidecar = await startSidecar({ statusFeed: { log: () => undefined }, ...options.sidecar, cluster: t.cluster, snippets: options.snippets });
  } catch (err) {
    await t.cleanup(); // a half-built pair must not outlive the beforeAll that failed
    throw err;
  }
  let sidecarClosed: Promise<void> | undefined;
  return {
    ...t,
    sidecar,
    api: (path, request = {}) => http(`${sidecar.url}${path}`,
      { ...request, headers: { authorization: `Bearer ${sidecar.token}`, ...request.headers } }),
    async cleanup() {
      await (sidecarClosed ??= sidecar.close());
      await t.cleanup();
    },
  };
}
