// vitest globalSetup: remembers which server processes ran before the tests and fails the run if the tests leave
// any new one behind ("processes you start are stopped when you stop"): postgres servers and the embedded backend's
// link relays.
import { setTimeout as sleep } from 'node:timers/promises';
import { RELAY_COMMAND_MARK } from '../cluster/embedded/link/link-files';
import { isPostgres, referenceTable } from '../system/proc';

const { allProcesses, commandLine, processesWhoseCommandMentions } = referenceTable;

// Opt-in (npm test and CI set it): while several people run tests on one machine, their servers would count as ours.
const enabled = process.env.PGDEMO_CHECK_ORPHANS === '1';
let before = new Set<number>();

/** Servers of the embedded backend and its link relays (not the docker backend's, whose data dir is the seed's). */
async function serverPids(): Promise<Set<number>> {
  const relays = (await processesWhoseCommandMentions(RELAY_COMMAND_MARK)).map((p) => p.pid);
  const inContainers = new Set((await processesWhoseCommandMentions(' -D /var/lib/postgresql/data')).map((p) => p.pid));
  // a container's server and its children (their titles no longer name the data dir): Docker's, not ours
  const postgres = (await allProcesses()).filter((p) => isPostgres(p) && !inContainers.has(p.pid) && !inContainers.has(p.ppid))
    .map((p) => p.pid);
  return new Set([...postgres, ...relays]);
}

export async function setup(): Promise<void> {
  if (enabled) before = await serverPids();
}

export async function teardown(): Promise<void> {
  if (!enabled) return;
  let left: number[] = [];
  // children exit a moment after their postmaster: give them up to 3 s
  for (let attempt = 0; attempt < 30; attempt++) {
    left = [...(await serverPids())].filter((pid) => !before.has(pid));
    if (left.length === 0) return;
    await sleep(100);
  }
  const lines = await Promise.all(left.map(async (pid) => `  ${pid} ${await commandLine(pid)}`));
  throw new Error(`The tests left ${left.length} server process(es) running:\n${lines.join('\n')}`);
}
