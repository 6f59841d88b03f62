// A node's data folder inside its container: the files the policy layer reads and changes (server/cluster/node-files.ts),
// read through the Engine's archive API (a stopped container too) and changed as the image's postgres user.
import type { NodeName } from '../../../shared/types';
import type { FileEntry } from '../future-wal';
import { nodeOf, type DockerContext } from './context';
import { execOk } from './exec';

/** The seed's data directory inside each container. */
export const DATA_DIR = '/var/lib/postgresql/data';

export function readFile(ctx: DockerContext, node: NodeName, path: string): Promise<Buffer | null> {
  return nodeOf(ctx, node).readFile(`${DATA_DIR}/${path}`);
}

export async function listFiles(ctx: DockerContext, node: NodeName, folder: string): Promise<FileEntry[]> {
  await nodeOf(ctx, node).runHeld(await ctx.records.recorded());
  const { stdout } = await execOk(ctx.engine.docker, node,
    ['find', `${DATA_DIR}/${folder}`, '-mindepth', '1', '-maxdepth', '1', '-type', 'f', '-printf', '%s %f\\n']);
  return stdout.split('\n').filter(Boolean).map((line) => {
    const [size, ...name] = line.split(' ');
    return { name: name.join(' '), size: Number(size) };
  });
}

export async function writeFile(ctx: DockerContext, node: NodeName, path: string, content: string): Promise<void> {
  const state = await ctx.records.recorded();
  await nodeOf(ctx, node).putFile(`${DATA_DIR}/${path}`, content, { uid: state.uid, gid: state.gid, mode: 0o600 });
}

export async function removeFile(ctx: DockerContext, node: NodeName, path: string): Promise<void> {
  const container = nodeOf(ctx, node);
  if (await container.runHeld(await ctx.records.recorded())) await container.verb('wait-ready');
  await execOk(ctx.engine.docker, node, ['rm', '-f', `${DATA_DIR}/${path}`]);
}
