// A shell run owns one process group (bash is spawned detached, so its pid is the group id). Ending the run means
// ending that whole group, so a `sleep 1000 &` or a stuck pipeline never outlives it. A server started with
// `pg_ctl start` is not touched: pg_ctl puts the postmaster in a session of its own.
import { setTimeout as sleep } from 'node:timers/promises';
import { processGroupMembers } from '../../system/proc';

export { processGroupMembers };

function signalGroup(pgid: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(-pgid, signal);
    return true;
  } catch {
    return false; // ESRCH: nobody left
  }
}

async function waitUntilEmpty(pgid: number, ms: number): Promise<boolean> {
  const deadline = performance.now() + ms;
  for (;;) {
    if ((await processGroupMembers(pgid)).length === 0) return true;
    if (performance.now() >= deadline) return false;
    await sleep(25);
  }
}

/** SIGTERM to the group, SIGKILL to whatever is left after `graceMs`; resolves once the group is empty. */
export async function killProcessGroup(pgid: number, graceMs = 2000): Promise<void> {
  if (!signalGroup(pgid, 'SIGTERM')) return;
  // a stopped member would keep SIGTERM pending forever
  signalGroup(pgid, 'SIGCONT');
  if (await waitUntilEmpty(pgid, graceMs)) return;
  signalGroup(pgid, 'SIGKILL');
  await waitUntilEmpty(pgid, 1000);
}
