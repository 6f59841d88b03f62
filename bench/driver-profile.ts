// Where a lifecycle's time goes, by driver primitive: every async method of the driver's prototype is wrapped to log
// its start and end (ms since the mark), so a build or reset reads as a timeline — what runs one after another, what
// overlaps, and the gaps between primitives (SQL the lifecycle asks itself: slots, the wait for streaming).
// `npx tsx bench/driver-profile.ts [topology]` (embedded by default, PGDEMO_TEST_BACKENDS' first otherwise): one up
// from nothing and three resets (after a freeze of the standby), each printed as its timeline.
// PROFILE_SETTLE_MS=3000 waits before each reset, so it shows a reset's own work without the last one's spare copy.
import { TOPOLOGY_NAMES, type TopologyName } from '../shared/topology';
import { DockerDriver } from '../server/cluster/docker/docker-driver';
import { EmbeddedDriver } from '../server/cluster/embedded/embedded-driver';
import { LinkControl } from '../server/cluster/embedded/link/link-control';
import { Spare } from '../server/cluster/embedded/spare';
import { Trash } from '../server/cluster/embedded/trash';
import { testBackends } from '../server/cluster/contract/backends';
import { testCluster } from '../server/cluster/test-support';

/** Primitives too small or too frequent to tell anything (status polls them). */
const QUIET = new Set(['constructor', 'connection', 'peerAddress', 'dataDir', 'hasTool', 'tools', 'warnings', 'notes']);

interface Entry { at: number; text: string }

export class DriverProfile {
  #mark = performance.now();
  readonly entries: Entry[] = [];

  /** Wraps the prototype's methods (every instance, from now on). */
  wrap(prototype: object): void {
    const target = prototype as unknown as Record<string, unknown>;
    for (const name of Object.getOwnPropertyNames(prototype)) {
      const descriptor = Object.getOwnPropertyDescriptor(prototype, name);
      if (QUIET.has(name) || typeof descriptor?.value !== 'function') continue;
      const original = descriptor.value as (...args: unknown[]) => unknown;
      const log = (text: string) => this.entries.push({ at: performance.now() - this.#mark, text });
      target[name] = function profiled(this: unknown, ...args: unknown[]) {
        const label = `${name}(${args.filter((a) => typeof a === 'string').map((a) => (a as string).slice(0, 30)).join(', ')})`;
        const started = performance.now();
        const result = original.apply(this, args);
        if (!(result instanceof Promise)) return result;
        log(`> ${label}`);
        return result.finally(() => log(`< ${label} ${(performance.now() - started).toFixed(0)} ms`));
      };
    }
  }

  start(): void {
    this.#mark = performance.now();
    this.entries.length = 0;
  }

  print(title: string): void {
    console.log(`--- ${title}`);
    for (const { at, text } of this.entries) console.log(`${at.toFixed(0).padStart(6)} ${text}`);
  }
}

async function main(topology: TopologyName): Promise<void> {
  const profile = new DriverProfile();
  profile.wrap(EmbeddedDriver.prototype);
  profile.wrap(DockerDriver.prototype);
  for (const prototype of [LinkControl.prototype, Spare.prototype, Trash.prototype]) profile.wrap(prototype);
  const { cluster, cleanup } = await testCluster({ backend: testBackends()[0] });
  try {
    profile.start();
    await cluster.up(topology);
    profile.print(`up ${topology} from nothing`);
    for (let i = 0; i < 3; i++) {
      await cluster.freeze('postgres-standby');
      // PROFILE_SETTLE_MS: time for the last lifecycle's background work (a spare copy, the trash), as a presenter's pause
      await new Promise((r) => setTimeout(r, Number(process.env.PROFILE_SETTLE_MS ?? 0)));
      profile.start();
      await cluster.reset(topology);
      profile.print(`reset ${topology} #${i + 1}`);
    }
  } finally {
    await cleanup();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const topology = (process.argv[2] ?? 'two-standbys') as TopologyName;
  if (!TOPOLOGY_NAMES.includes(topology)) throw new Error(`topology: one of ${TOPOLOGY_NAMES.join(', ')}`);
  await main(topology);
}
