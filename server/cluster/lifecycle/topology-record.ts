// Which topology the state folder's cluster was built or last reset with (topology.json), written once above the
// drivers for every backend. No record means the seed's pair: state folders made before topologies existed hold one.
import { randomBytes } from 'node:crypto';
import { rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DEFAULT_TOPOLOGY, isTopologyName, topologyChoices, type TopologyName } from '../../../shared/topology';
import { RecordFile } from '../record-file';

export const TOPOLOGY_FILE = 'topology.json';

const RECOVERY = `Write {"topology": "<one of ${topologyChoices()}>"} into it, or run \`pgdemo cluster reset --topology <name>\`.`;

function parseRecord(text: string): { topology: TopologyName } {
  const { topology } = JSON.parse(text) as { topology?: unknown };
  if (!isTopologyName(topology)) throw new Error(`"${String(topology)}" is no topology (${topologyChoices()})`);
  return { topology };
}

// one reader per state folder: the status feed asks at every snapshot, and a stat is all a read costs when unchanged
const records = new Map<string, RecordFile<{ topology: TopologyName }>>();
const recordOf = (stateDir: string) => {
  const path = join(stateDir, TOPOLOGY_FILE);
  let record = records.get(path);
  if (!record) records.set(path, record = new RecordFile(path, parseRecord, RECOVERY));
  return record;
};

/** The recorded topology; the pair when nothing is recorded; INVALID_STATE when the record cannot be understood. */
export function recordedTopology(stateDir: string): TopologyName {
  return recordOf(stateDir).readSync()?.topology ?? DEFAULT_TOPOLOGY;
}

/** write-then-rename, so a crash never leaves half a record */
export async function recordTopology(stateDir: string, topology: TopologyName): Promise<void> {
  const path = join(stateDir, TOPOLOGY_FILE);
  const tmp = `${path}.${randomBytes(4).toString('hex')}.tmp`;
  await writeFile(tmp, `${JSON.stringify({ topology })}\n`);
  await rename(tmp, path);
}

export async function forgetTopology(stateDir: string): Promise<void> {
  await rm(join(stateDir, TOPOLOGY_FILE), { force: true });
}
