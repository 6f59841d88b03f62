// How few copies a third node costs (embedded): a three-node build leaves the pair's data folders as they are (the
// golden copy is made from them; only the third node is copied, from the standby's golden copy), and the spare
// prepared after a three-node reset holds the third node too, so the next reset to that topology renames all three.
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testCluster, type TestCluster } from '../test-support';

let t: TestCluster;

beforeAll(async () => {
  t = await testCluster();
});

afterAll(async () => {
  await t?.cleanup();
});

const bornAt = async (...path: string[]) => (await stat(join(t.stateDir, ...path))).birthtimeMs;

describe('a third node, embedded', () => {
  it('is built with one copy: the pair\'s data folders are older than their golden copies, the third one younger', async () => {
    const report = await t.cluster.up('two-standbys');
    expect(report.ok).toBe(true);
    for (const node of ['postgres-primary', 'postgres-standby']) {
      // a restore would have copied the data folder from golden/, after it
      expect(await bornAt('nodes', node, 'PG_VERSION'), node).toBeLessThan(await bornAt('golden', node, 'PG_VERSION'));
    }
    expect(await bornAt('nodes', 'postgres-standby2', 'PG_VERSION'))
      .toBeGreaterThan(await bornAt('golden', 'postgres-standby', 'PG_VERSION'));
  });

  it('comes from the spare on the next reset to its topology', async () => {
    const report = await t.cluster.reset('two-standbys');
    expect(report.ok).toBe(true);
    expect(report.method).toMatch(/renamed into place \(postgres-primary, postgres-standby, postgres-standby2\)/);
    expect(report.method).not.toMatch(/cp -a/);
  });

  it('is left out of the pair\'s reset, and copied again for a topology the spare was not made for', async () => {
    const pair = await t.cluster.reset('pair');
    expect(pair.ok).toBe(true);
    expect(pair.method).toMatch(/renamed into place \(postgres-primary, postgres-standby\)$/);
    // the spare made after the pair's reset holds the pair only
    const cascade = await t.cluster.reset('cascade');
    expect(cascade.ok).toBe(true);
    expect(cascade.method).toMatch(/renamed into place \(postgres-primary, postgres-standby\); postgres-standby2: cp -a of postgres-standby's golden copy/);
    const again = await t.cluster.reset('cascade');
    expect(again.method).toMatch(/renamed into place \(postgres-primary, postgres-standby, postgres-standby2\)/);
  });
});
