// The environment of a shell block on docker: the system's tools with the real docker CLI, talking to the same
// engine as the driver (DOCKER_* passed on), in the state folder's scratch directory.
import { mkdirSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { ControlEndpoint, ShellEnvironment } from '../driver';
import { baseShellEnvironment, SYSTEM_PATH } from '../../runner/shell/base-environment';

const scratchOf = (stateDir: string) => join(stateDir, 'scratch');

/** A build from nothing starts the shell in an empty HOME: what an earlier cluster's blocks left there is not read again. */
export async function discardScratch(stateDir: string): Promise<void> {
  await rm(scratchOf(stateDir), { recursive: true, force: true });
}

export function dockerShellEnvironment(stateDir: string, control?: ControlEndpoint): ShellEnvironment {
  const scratchDir = scratchOf(stateDir);
  // before the shell spawns in it: a missing cwd makes spawn fail with a misleading ENOENT for bash
  mkdirSync(scratchDir, { recursive: true });
  const dockerEnv = Object.fromEntries(Object.entries(process.env).filter(([k, v]) => k.startsWith('DOCKER_') && v)) as Record<string, string>;
  return {
    env: baseShellEnvironment({ path: process.env.PATH?.split(':') ?? SYSTEM_PATH, scratchDir, control, extra: dockerEnv }),
    cwd: scratchDir,
  };
}
