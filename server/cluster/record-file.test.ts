import { mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RecordFile } from './record-file';

interface Ports { ports: { a: number } }

describe('RecordFile', () => {
  let dir: string;
  let path: string;
  let parses: number;
  const parse = (text: string): Ports => {
    parses++;
    const value = JSON.parse(text) as Ports;
    if (typeof value.ports?.a !== 'number') throw new Error('unexpected shape');
    return value;
  };
  // as every writer of a record does: a new file renamed over the old one
  const write = async (text: string) => {
    await writeFile(`${path}.tmp`, text);
    await rename(`${path}.tmp`, path);
  };

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'record-file-'));
    path = join(dir, 'cluster.json');
    parses = 0;
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('parses an unchanged file once, and sees a rewrite at the next read', async () => {
    const record = new RecordFile(path, parse, 'recover');
    await write('{"ports":{"a":1}}');
    expect(record.readSync()?.ports.a).toBe(1);
    expect(record.readSync()?.ports.a).toBe(1);
    expect((await record.read())?.ports.a).toBe(1);
    expect(parses).toBe(1);

    await write('{"ports":{"a":2}}');
    expect(record.readSync()?.ports.a).toBe(2);
    await write('{"ports":{"a":3}}');
    expect((await record.read())?.ports.a).toBe(3);
    expect(parses).toBe(3);
  });

  it('says absent, damaged and mended as they happen', async () => {
    const record = new RecordFile(path, parse, 'recover');
    expect(record.readSync()).toBeNull();
    await write('{"ports":{"a":1}}');
    expect(record.readSync()?.ports.a).toBe(1);
    await write('{"ports":');
    expect(() => record.readSync()).toThrow(/cluster\.json is damaged/);
    await expect(record.read()).rejects.toMatchObject({ code: 'INVALID_STATE' });
    await write('{"ports":{"a":4}}');
    expect(record.readSync()?.ports.a).toBe(4);
    await rm(path);
    expect(await record.read()).toBeNull();
  });

  it('hands out a frozen record: one caller cannot change what the next one reads', async () => {
    const record = new RecordFile(path, parse, 'recover');
    await write('{"ports":{"a":1}}');
    const first = record.readSync()!;
    expect(() => { (first.ports as { a: number }).a = 9; }).toThrow(TypeError);
    expect(record.readSync()?.ports.a).toBe(1);
  });
});
