// `pgdemo --help` loads every command's module (a named command loads only its own): each is added once, and listed.
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';

const PGDEMO = resolve(import.meta.dirname, '../../bin/pgdemo.js');

it('lists every command', async () => {
  const { stdout } = await promisify(execFile)(process.execPath, [PGDEMO, '--help'], { timeout: 60_000 });
  const listed = [...stdout.matchAll(/^ {2}(\w+)\b/gm)].map((m) => m[1]);
  expect(listed).toEqual(expect.arrayContaining(['cluster', 'drill', 'practice', 'rehearse', 'serve', 'start']));
});
