// /proc is read in server/system/ only (process-source/procfs-source.ts): everywhere else asks proc.ts, so a machine
// without /proc (macOS) gets the same answers from ps.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { PROJECT_ROOT } from '../rehearse/slide-order';

/** Places that mention /proc without reading this machine's: inside a Debian container (docker exec … cat /proc/1/comm). */
const NOT_THIS_MACHINE = new Set(['server/cluster/docker/seed-commands.test.ts']);

it('no module outside server/system/ reads /proc', async () => {
  const offenders: string[] = [];
  for (const top of ['server', 'e2e', 'shared', 'components', 'composables', 'setup']) {
    for (const entry of await readdir(join(PROJECT_ROOT, top), { recursive: true })) {
      const file = join(top, entry);
      if (!/\.(?:ts|mts|mjs|vue)$/.test(file) || file.startsWith('server/system/') || NOT_THIS_MACHINE.has(file)) continue;
      const text = await readFile(join(PROJECT_ROOT, file), 'utf8');
      text.split('\n').forEach((line, i) => {
        if (/['"`]\/proc\b/.test(line)) offenders.push(`${file}:${i + 1}: ${line.trim()}`);
      });
    }
  }
  expect(offenders).toEqual([]);
});
