// The runs a killed sidecar left going are ended by the next one: a run whose bash still leads its group, one whose
// bash already died while a child goes on in its group, and one's process that escaped with setsid; another state
// folder's run is not touched.
import { spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { killNow, referenceTable } from '../../system/proc';
import { endOrphanedRuns, RUN_TAG, runTag } from './process-group';

const DIR = `/tmp/pgdemo-orphans-${process.pid}`;
const OTHER = `${DIR}-other`;

/** bash in a group of its own, as a shell run starts, carrying the run's tag; not waited for, as after a kill -9 */
function orphan(stateDir: string, runId: string, script: string): void {
  spawn('bash', ['-c', script], { detached: true, stdio: 'ignore', env: { ...process.env, [RUN_TAG]: runTag(stateDir, runId) } })
    .unref();
}

const tagged = (dir: string) => referenceTable.processesWithEnvironment(RUN_TAG, (v) => v.startsWith(`${dir}|`));

afterAll(async () => {
  killNow((await tagged(DIR)).map((p) => p.pid));
  killNow((await tagged(OTHER)).map((p) => p.pid));
});

describe('ending the runs of a sidecar that was killed', () => {
  it('ends every process of this folder\'s runs, also where the bash is gone, and nothing of another folder', async () => {
    orphan(DIR, 'leader-alive', 'sleep 300; true');
    orphan(DIR, 'leader-gone', 'sleep 300 & exit 0');
    orphan(DIR, 'escaped', 'setsid sleep 300 & sleep 300; true');
    orphan(OTHER, 'not-ours', 'sleep 300; true');
    await expect.poll(async () => (await tagged(DIR)).length, { timeout: 5_000 }).toBeGreaterThanOrEqual(5);
    await sleep(100);

    const { runs } = await endOrphanedRuns(DIR);
    expect(runs.sort()).toEqual(['escaped', 'leader-alive', 'leader-gone'].map((id) => runTag(DIR, id)));
    expect(await tagged(DIR)).toEqual([]);
    expect((await tagged(OTHER)).length).toBeGreaterThan(0);
  });
});
