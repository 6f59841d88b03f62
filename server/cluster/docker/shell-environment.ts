// The environment of a shell block on docker: the system's tools with the real docker CLI, talking to the same
// engine as the driver (DOCKER_* passed on), in the state folder's scratch directory.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ControlEndpoint, ShellEnvironment } from '../driver';
import { baseShellEnvironment, SYSTEM_PATH } from '../../runner/shell/base-environment';

export function dockerShellEnvironment(stateDir: string, control?: ControlEndpoint): ShellEnvironment {
  const scratchDir = join(stateDir, 'scratch');
  // before the shell spawns in it: a missing cwd makes spawn fail with a misleading ENOENT for bash
  mkdirSync(scratchDir, { recursive: true });
  const dockerEnv = Object.fromEntries(Object.entries(process.env).filter(([k, v]) => k.startsWith('DOCKER_') && v)) as Record<string, string>;
  return {
    env: baseShellEnvironment({ path: process.env.PATH?.split(':') ?? SYSTEM_PATH, scratchDir, control, extra: dockerEnv }),
    cwd: scratchDir,
  };
}
