import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface SidecarFile {
  url: string;
  token: string;
}

export function sidecarFilePath(stateDir: string): string {
  return join(stateDir, 'sidecar.json');
}

export async function readSidecarFile(stateDir: string): Promise<SidecarFile | undefined> {
  try {
    const parsed = JSON.parse(await readFile(sidecarFilePath(stateDir), 'utf8')) as Partial<SidecarFile>;
    return typeof parsed.url === 'string' && typeof parsed.token === 'string' ? (parsed as SidecarFile) : undefined;
  } catch {
    return undefined;
  }
}

/** The token belongs to the state folder: a restarted sidecar keeps it, so an open deck keeps working. */
export async function tokenFor(stateDir: string): Promise<string> {
  return (await readSidecarFile(stateDir))?.token ?? randomBytes(32).toString('base64url');
}

/** Written atomically with mode 0600: only the user who runs the sidecar can read the token. */
export async function writeSidecarFile(stateDir: string, content: SidecarFile): Promise<void> {
  await mkdir(stateDir, { recursive: true });
  const target = sidecarFilePath(stateDir);
  const temp = `${target}.${process.pid}.tmp`;
  await writeFile(temp, `${JSON.stringify(content, null, 2)}\n`, { mode: 0o600 });
  await chmod(temp, 0o600);
  await rename(temp, target);
}
