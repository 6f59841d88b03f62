// Work nobody waits for still reports how it went: a background delete of old data folders that fails, and a killed
// server's shared memory that cannot be removed, are logged and said in status (ClusterStatus.warnings) until a later
// attempt succeeds — not dropped with the background job.
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProblemLog } from '../problem-log';
import { SerialQueue } from '../serial-queue';
import { releaseSharedMemory } from './postmaster';
import { Trash } from './trash';

const projectRoot = fileURLToPath(new URL('../../..', import.meta.url));
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pgdemo-background-'));
});

afterAll(async () => {
  try { execFileSync('chattr', ['-R', '-i', dir], { stdio: 'ignore' }); } catch { /* nothing immutable left */ }
  await rm(dir, { recursive: true, force: true });
});

describe('the background delete of old data folders', () => {
  it('says when rm fails (an immutable file), keeps what it could not delete, and clears once a delete succeeds', async () => {
    const old = join(dir, 'old-node');
    await mkdir(old);
    await writeFile(join(old, 'PG_VERSION'), '15\n');
    execFileSync('chattr', ['+i', join(old, 'PG_VERSION')]); // even root's rm gets "Operation not permitted"
    const logged: string[] = [];
    const problems = new ProblemLog((line) => logged.push(line));
    const background = new SerialQueue();
    const trash = new Trash(join(dir, 'trash'), background, undefined, problems);

    expect(await trash.moveIn(old)).toBe(true);
    trash.purgeInBackground();
    await background.run(async () => undefined);
    expect(problems.list()).toEqual([expect.stringMatching(/deleting old data folders in .*trash failed \(exit code 1: rm: cannot remove .*Operation not permitted\)/)]);
    expect(logged).toHaveLength(1);
    expect(await readdir(join(dir, 'trash'))).toHaveLength(1); // kept for the next try

    execFileSync('chattr', ['-i', ...await leftovers(join(dir, 'trash'))]);
    trash.purgeInBackground();
    await background.run(async () => undefined);
    expect(problems.list()).toEqual([]);
    expect(await readdir(join(dir, 'trash'))).toEqual([]);
  });
});

async function leftovers(trashDir: string): Promise<string[]> {
  const [entry] = await readdir(trashDir);
  return [join(trashDir, entry!, 'PG_VERSION')];
}

describe('removing a killed server\'s shared memory', () => {
  const segment = () => Number(/(\d+)/.exec(execFileSync('ipcmk', ['-M', '4096', '-p', '0600'], { encoding: 'utf8' }))![1]);

  it('is quiet when the segment is removed, or was already gone', async () => {
    const id = segment();
    expect(await releaseSharedMemory(id)).toBeNull();
    expect(await releaseSharedMemory(id)).toBeNull(); // "invalid id": gone already, nothing to report
  });

  it('says what ipcrm said when it cannot remove it (here: another user\'s segment)', async () => {
    const id = segment(); // root's, mode 0600: the postgres user may not remove it
    try {
      const script = `import('./server/cluster/embedded/postmaster.ts').then(async (m) => process.stdout.write(String(await m.releaseSharedMemory(${id}))))`;
      const said = execFileSync('runuser', ['-u', 'postgres', '--', process.execPath, '--import', 'tsx', '-e', script],
        { cwd: projectRoot, encoding: 'utf8' });
      expect(said).toMatch(/permission denied/i);
    } finally {
      execFileSync('ipcrm', ['-m', String(id)]);
    }
  });
});
