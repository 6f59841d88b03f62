import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { forgetTopology, recordedTopology, recordTopology, TOPOLOGY_FILE } from './topology-record';

describe('the topology record', () => {
  let dir: string;
  beforeEach(async () => { dir = await mkdtemp(join(tmpdir(), 'pgdemo-topology-')); });
  afterEach(async () => { await rm(dir, { recursive: true, force: true }); });

  it('says pair for a state folder without one (made before topologies)', () => {
    expect(recordedTopology(dir)).toBe('pair');
  });

  it('remembers what was recorded, and forgets it', async () => {
    await recordTopology(dir, 'cascade');
    expect(recordedTopology(dir)).toBe('cascade');
    expect(JSON.parse(await readFile(join(dir, TOPOLOGY_FILE), 'utf8'))).toEqual({ topology: 'cascade' });
    await recordTopology(dir, 'two-standbys');
    expect(recordedTopology(dir)).toBe('two-standbys');
    await forgetTopology(dir);
    expect(recordedTopology(dir)).toBe('pair');
  });

  it('refuses a record it cannot understand, naming the valid topologies', async () => {
    await writeFile(join(dir, TOPOLOGY_FILE), '{"topology": "ring"}\n');
    expect(() => recordedTopology(dir)).toThrow(/damaged.*"ring" is no topology \(pair, two-standbys, cascade\)/);
  });
});
