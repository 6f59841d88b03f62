import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { releasePorts, reservePorts, reservePortsSync } from './port-reservation';

const DIR = join(tmpdir(), `pgdemo-port-reservations-${process.getuid?.() ?? 'user'}`);
const run = (base: number, count: number) => Array.from({ length: count }, (_, i) => base + i);
const saved = process.env.PGDEMO_TEST_PORTS;

/** A range of `size` ports of our own, so that what is taken is known. */
async function narrowRange(size: number): Promise<number> {
  const first = await reservePorts(size);
  releasePorts(first, size);
  process.env.PGDEMO_TEST_PORTS = `${first}-${first + size - 1}`;
  return first;
}

afterEach(() => {
  if (saved === undefined) delete process.env.PGDEMO_TEST_PORTS;
  else process.env.PGDEMO_TEST_PORTS = saved;
});

describe('reservePorts', () => {
  it('never hands out a port twice, in this process or another', async () => {
    const mine = await Promise.all(Array.from({ length: 20 }, () => reservePorts(4)));
    // another process reserving at the same time (what a second checkout's tests do)
    const script = `import('${new URL('./port-reservation.ts', import.meta.url).href}')`
      + '.then((m)=>Promise.all(Array.from({length:20},()=>m.reservePorts(4)))).then((r)=>console.log(JSON.stringify(r)))';
    const theirs = JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', '-e', script], { encoding: 'utf8' })) as number[];
    const ports = [...mine, ...theirs].flatMap((base) => run(base, 4));
    expect(new Set(ports).size).toBe(ports.length);
    for (const base of mine) releasePorts(base, 4);
  });

  it('says so when the range is used up', async () => {
    const first = await narrowRange(2);
    expect(await reservePorts(2)).toBe(first);
    await expect(reservePorts(1)).rejects.toThrow(`no 1 consecutive free ports in ${first}–${first + 1}`);
    releasePorts(first, 2);
  });

  it('takes back the reservation of a process that has gone', async () => {
    const first = await narrowRange(1);
    const gone = Number(execFileSync(process.execPath, ['-e', 'console.log(process.pid)'], { encoding: 'utf8' }));
    writeFileSync(join(DIR, String(first)), String(gone));
    expect(await reservePorts(1)).toBe(first);
    releasePorts(first, 1);
  });

  it('skips a port something listens on, in both forms', async () => {
    const first = await narrowRange(2);
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(first, '127.0.0.1', resolve));
    try {
      expect(await reservePorts(1)).toBe(first + 1);
      releasePorts(first + 1, 1);
      expect(reservePortsSync(1)).toBe(first + 1);
      releasePorts(first + 1, 1);
    } finally {
      server.close();
    }
  });
});
