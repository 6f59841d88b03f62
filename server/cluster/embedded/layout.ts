// Where everything lives under the state folder, and the small cluster.json that records what cannot be derived
// from the processes and data folders (ports, which binaries built the pair, when).
import { randomBytes } from 'node:crypto';
import { rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PAIR_NODES } from '../../../shared/topology';
import type { NodeName, ToolsInfo } from '../../../shared/types';
import type { NodePorts } from './context';
import { RecordFile } from '../record-file';
import { socketDirOf, type SocketDir } from './socket-dir';

const RECOVERY = 'Run `pgdemo cluster down`, then delete the state folder (or run `pgdemo cluster destroy`) and `up` to build a fresh cluster.';

function parseClusterFile(text: string): ClusterFile {
  const parsed = JSON.parse(text) as ClusterFile;
  if ((parsed.version !== 1 && parsed.version !== 2) || !PAIR_NODES.every((n) => Number.isInteger(parsed.ports?.[n]))) {
    throw new Error('unexpected shape');
  }
  return parsed;
}

export interface ClusterFile {
  /** 2 added peerPorts; a version-1 pair has no link relay and is rebuilt by the next `up` */
  version: 1 | 2;
  /** where each server listens (the sidecar connects here, over the unix socket of that port) */
  ports: NodePorts;
  /** where the other node reaches it: the link relay in front of the server */
  peerPorts?: NodePorts;
  binDir: string;
  binSource: ToolsInfo['source'];
  pgVersion: string;
  /** ISO timestamp of the first build */
  created: string;
}

export class Layout {
  readonly #clusterRecord: RecordFile<ClusterFile>;
  /** unix sockets of both servers (0700, owned by the server user): run/, or a short folder when that is too long */
  readonly socketDir: SocketDir;

  constructor(readonly stateDir: string) {
    this.#clusterRecord = new RecordFile(this.clusterFile, parseClusterFile, RECOVERY);
    this.socketDir = socketDirOf(stateDir);
  }

  get clusterFile() { return join(this.stateDir, 'cluster.json'); }
  get runDir() { return this.socketDir.path; }
  get logsDir() { return join(this.stateDir, 'logs'); }
  get nodesDir() { return join(this.stateDir, 'nodes'); }
  get goldenDir() { return join(this.stateDir, 'golden'); }
  get trashDir() { return join(this.stateDir, 'trash'); }
  /** a ready-made copy of golden/ for the next reset */
  get spareDir() { return join(this.stateDir, 'spare'); }
  /** writable by the server user; the shell runner keeps demo state here */
  get scratchDir() { return join(this.stateDir, 'scratch'); }
  get pgpass() { return join(this.stateDir, 'pgpass'); }

  dataDir(node: NodeName) { return join(this.nodesDir, node); }
  goldenCopy(node: NodeName) { return join(this.goldenDir, node); }
  logFile(node: NodeName) { return join(this.logsDir, `${node}.log`); }
  get relayLog() { return join(this.logsDir, 'link-relay.log'); }

  /** null when there is none (not built yet); INVALID_STATE when it exists but cannot be read or understood */
  readClusterFile(): Promise<ClusterFile | null> {
    return this.#clusterRecord.read();
  }

  readClusterFileSync(): ClusterFile | null {
    return this.#clusterRecord.readSync();
  }

  /** write-then-rename, so a crash never leaves half a file */
  async writeClusterFile(file: ClusterFile): Promise<void> {
    const tmp = `${this.clusterFile}.${randomBytes(4).toString('hex')}.tmp`;
    await writeFile(tmp, `${JSON.stringify(file, null, 2)}\n`);
    await rename(tmp, this.clusterFile);
  }
}
