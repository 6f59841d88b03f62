// The link relay as its own process (started by the embedded backend, stopped by `down`): it must outlive the CLI
// command that cut the link. Usage: relay-main.ts <state folder> --front <name>:<listen port>:<target port> …
// Each front is named by its node; a connection's source is the node its startup packet's application_name names.
// It applies <state folder>/link.json whenever that file is replaced, and answers by writing link-applied.json
// with the same id, so the writer knows the fault is in place.
import { watch } from 'node:fs';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { faultsOn, faultsReaching } from '../../../../shared/link-faults';
import { NODE_NAMES, type NodeName } from '../../../../shared/types';
import { applicationNameOf } from '../../naming';
import { LinkRelay, type RelayFront } from './link-relay';
import { LINK_APPLIED_FILE, LINK_FILE, RELAY_PID_FILE, RELAY_VERSION, type LinkFile } from './link-files';

const [stateDir, ...rest] = process.argv.slice(2);
if (!stateDir) throw new Error('usage: relay-main.ts <state folder> --front name:listen:target …');
const fronts: RelayFront[] = [];
for (let i = 0; i < rest.length; i += 2) {
  const [name = '', listen = '', target = ''] = (rest[i + 1] ?? '').split(':');
  if (rest[i] !== '--front' || !name || !Number(listen) || !Number(target)) throw new Error(`bad argument ${rest[i]} ${rest[i + 1]}`);
  fronts.push({ name, listenPort: Number(listen), targetPort: Number(target) });
}

const nodes = NODE_NAMES.filter((n) => fronts.some((f) => f.name === n));
// who a connection comes from: the node whose application_name its startup packet carries (naming.ts)
const relay = new LinkRelay(fronts, { identify: (name) => NODE_NAMES.find((n) => applicationNameOf(n) === name) ?? null });
await relay.listen();

async function writeAtomically(file: string, content: unknown): Promise<void> {
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, `${JSON.stringify(content)}\n`);
  await rename(tmp, file);
}

let applying = Promise.resolve();
function applyLinkFile(): void {
  applying = applying.then(async () => {
    let link: LinkFile;
    try {
      link = JSON.parse(await readFile(join(stateDir!, LINK_FILE), 'utf8')) as LinkFile;
    } catch {
      return; // not written yet, or being replaced: the rename event follows
    }
    relay.apply((source, target) => (source
      ? faultsOn(link, source as NodeName, target as NodeName)
      : faultsReaching(link, target as NodeName, nodes)));
    await writeAtomically(join(stateDir!, LINK_APPLIED_FILE), { id: link.id });
  }).catch((err: unknown) => console.error(`applying ${LINK_FILE} failed:`, err));
}

watch(stateDir, (_event, name) => {
  if (name === LINK_FILE) applyLinkFile();
});
applyLinkFile();
await writeAtomically(join(stateDir, RELAY_PID_FILE), { pid: process.pid, fronts, version: RELAY_VERSION });
console.error(`link relay ${process.pid}: ${fronts.map((f) => `${f.name} ${f.listenPort} -> ${f.targetPort}`).join(', ')}`);

async function shutdown(): Promise<void> {
  await relay.close();
  await rm(join(stateDir!, RELAY_PID_FILE), { force: true });
  process.exit(0);
}
for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) process.on(signal, () => void shutdown());
