// A shell run owns one process group (bash is spawned detached, so its pid is the group id). Ending the run means
// ending that whole group, so a `sleep 1000 &` or a stuck pipeline never outlives it. A server started with
// `pg_ctl start` is not touched: pg_ctl puts the postmaster in a session of its own.
import { setTimeout as sleep } from 'node:timers/promises';
import { isPostgres, killNow, processesWithEnvironment, processGroupMembers } from '../../system/proc';

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

/**
 * The environment variable every shell run carries: `<state folder>|<run id>`. A process the run started that left its
 * process group (setsid, a double fork) still carries it, so a cancelled run can end it too, and a restarted sidecar
 * can find the runs of one that was killed.
 */
export const RUN_TAG = 'PGDEMO_RUN';
export const runTag = (stateDir: string, runId: string) => `${stateDir}|${runId}`;

/**
 * Cancel and timeout end everything the run started, also what left its group — but no PostgreSQL server: a
 * `pg_ctl start` in a snippet starts a server that is the cluster's from then on. SIGKILL, as the group already had
 * SIGTERM and its grace.
 */
export async function killEscapedMembers(tag: string): Promise<number[]> {
  const escaped = (await processesWithEnvironment(RUN_TAG, (value) => value === tag)).filter((p) => !isPostgres(p));
  killNow(escaped.map((p) => p.pid));
  return escaped.map((p) => p.pid);
}

/**
 * Runs of a sidecar that was killed (kill -9, a crash) on this state folder still running, ended as a cancel ends a run:
 * every process group their processes are in — also one whose bash already died (it wrote to the dead sidecar's
 * pipe) while its children go on — then anything left with their tag (never a PostgreSQL server). Returns the runs'
 * tags and the process groups ended.
 */
export async function endOrphanedRuns(stateDir: string): Promise<{ runs: string[]; groups: number[] }> {
  const tagged = (await processesWithEnvironment(RUN_TAG, (value) => value.startsWith(`${stateDir}|`))).filter((p) => !isPostgres(p));
  const runs = [...new Set(tagged.map((p) => p.value))];
  const groups = [...new Set(tagged.map((p) => p.pgrp))].filter((pgid) => pgid > 1);
  await Promise.all(groups.map((pgid) => killProcessGroup(pgid)));
  await Promise.all(runs.map((tag) => killEscapedMembers(tag)));
  return { runs, groups };
}
