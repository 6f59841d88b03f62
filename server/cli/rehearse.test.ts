// `pgdemo rehearse` refuses a demo that does not exist before it starts anything (the runs themselves are
// server/rehearse/demos.test.ts, on rehearse's own engine).
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { DEMOS } from '../rehearse/checks';
import { PROJECT_ROOT } from '../rehearse/slide-order';

const run = promisify(execFile);

describe('pgdemo rehearse', () => {
  it('names the demos there are when asked for one that is not, and exits 1', async () => {
    const failed = await run(process.execPath, ['--import', 'tsx', 'server/cli/main.ts', 'rehearse', '--demo', '9'], { cwd: PROJECT_ROOT })
      .then(() => undefined, (err: { code: number; stderr: string }) => err);
    expect(failed?.code).toBe(1);
    const demos = Object.keys(DEMOS).map((d) => d.replace('demo', '')).join(', ');
    expect(demos).toMatch(/^1, 2, 3, 4, 5, 6, 7/);
    expect(failed?.stderr).toBe(`pgdemo: There is no demo "9".\nDemos: ${demos}.\n`);
  });
});
