// Every drill fault on every backend (PGDEMO_TEST_BACKENDS), contract-suite style, on ONE pair per backend with a
// reset between faults: inject → the evidence's own queries show the symptom → the status a page receives names
// nothing of it → the fix → a healthy streaming pair. Then two faults at once, and a deck run under a hanging commit.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { testBackends } from '../cluster/contract/backends';
import { testCluster, type TestCluster } from '../cluster/test-support';
import { runSql } from '../runner/sql/run-sql';
import { FAULTS, faultNamed } from './catalog';
import { Drill, waitHealthy } from './drill';
import { runAllEvidence, waitForSymptom } from './evidence';
import { giveaways } from './giveaways';
import { maskedStatus } from './status-mask';
import type { Fault } from './types';
import { PRIMARY } from './workload';


describe.each(testBackends())('%s backend: drills', (backend) => {
  let t: TestCluster;
  let drill: Drill | undefined;

  beforeAll(async () => {
    t = await testCluster({ backend });
    await t.cluster.up();
  });

  afterEach(async () => {
    await drill?.end();
    drill = undefined;
  });

  afterAll(() => t?.cleanup());

  it.each(FAULTS.map((f) => [f.name, f] as const))('%s: inject → evidence → hidden from status → fix → healthy', async (_name, fault) => {
    expect(fault.available(t.cluster)).toBeNull();
    drill = await Drill.start(t.cluster, [fault]);
    const evidence = await waitForSymptom(t.cluster, fault);
    // every check the fault declares held on the real output, and at least one exists
    expect(evidence.filter((e) => e.showsSymptom === true).length).toBeGreaterThan(0);
    expect(evidence.filter((e) => e.showsSymptom === false)).toEqual([]);

    const raw = await t.cluster.status();
    const masked = maskedStatus(raw);
    const text = JSON.stringify(masked);
    for (const word of giveaways(fault)) expect(text).not.toContain(word);
    expect(masked.link).toEqual({ partitioned: [], latencyMs: 0 });
    if (fault.touches.includes('network link')) {
      // the mask is what hides it: the unmasked status shows the cluster's own fault
      expect(raw.link.partitioned.length + raw.link.latencyMs).toBeGreaterThan(0);
    }

    const report = await drill.fix();
    expect(report).toMatchObject({ ok: true, healthy: true });
    console.log(`${backend} ${fault.name}: inject ${drill.injections[0]!.ms} ms, fix ${report.fixes[0]!.ms} ms`);
  });

  it('two faults at once: both show, both are fixed', async () => {
    const faults = [faultNamed('abandoned-slot'), faultNamed('replay-paused')];
    drill = await Drill.start(t.cluster, faults);
    for (const fault of faults) await waitForSymptom(t.cluster, fault);
    const report = await drill.fix();
    expect(report).toMatchObject({ ok: true, healthy: true });
    for (const fault of faults) {
      const after = await runAllEvidence(t.cluster, fault);
      expect(after.some((e) => e.showsSymptom === false)).toBe(true);
    }
  });

  it('a remedy that fails says so, and Reset still recovers the pair', async () => {
    const real = faultNamed('replay-paused');
    const failing: Fault = { ...real, fix: () => Promise.reject(new Error('the remedy could not be applied')) };
    drill = await Drill.start(t.cluster, [failing]);
    const report = await drill.fix();
    expect(report).toMatchObject({ ok: false, healthy: false });
    expect(report.detail).toMatch(/replay-paused: the remedy could not be applied.*Reset recovers the pair/s);
    expect((await t.cluster.reset()).ok).toBe(true);
    await waitHealthy(t.cluster);
  });

  it('sync-standby-missing: a deck run that writes answers within its timeout and says why', async () => {
    drill = await Drill.start(t.cluster, [faultNamed('sync-standby-missing')]);
    const started = performance.now();
    const run = await runSql({
      node: PRIMARY, connection: t.cluster.connection(PRIMARY), text: 'INSERT INTO drill_invoices DEFAULT VALUES',
      statementTimeoutMs: 2_000,
    });
    const took = performance.now() - started;
    expect(took).toBeLessThan(2_000 + 1_000 + 2_500);
    expect(run.ok).toBe(false);
    expect(`${run.error?.message} ${run.error?.detail ?? ''} ${run.notices.join(' ')}`).toMatch(/synchronous/i);
    expect((await drill.fix()).ok).toBe(true);
  });
});
