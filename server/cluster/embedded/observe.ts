// What one node looks like right now: its processes first (never connect to a frozen server), then SQL with
// short deadlines when it runs, else the facts in its data folder.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { NodeName, NodeRole } from '../../types';
import type { NodeObservation } from '../node-status';
import { messageOf } from '../sql/client';
import { probeNode } from '../sql/node-probe';
import { socketConnection, type EmbeddedContext } from './context';
import { readAutoConf } from './node-config';
import { readControlFile } from './pg-control';
import { findPostmaster } from './postmaster';

const STATUS_LIMITS = { connectMs: 2_000, statementMs: 2_000 };

export async function observeNode(ctx: EmbeddedContext, node: NodeName): Promise<NodeObservation> {
  const dataDir = ctx.layout.dataDir(node);
  const pm = await findPostmaster(dataDir);
  const notes: string[] = [];
  if (pm.stray) notes.push('postmaster.pid is missing but the server still runs');
  let probe = null;
  if (pm.state === 'running') {
    try {
      probe = await probeNode(socketConnection(ctx, node), node, STATUS_LIMITS);
    } catch (err) {
      const cause = (err as { detail?: string }).detail ?? messageOf(err);
      notes.push(`not answering: ${cause}`);
    }
  } else if (pm.state === 'frozen') {
    notes.push('frozen (SIGSTOP): not asked');
  }
  const files = probe ? { role: 'unknown' as NodeRole, primaryConninfo: null, primarySlotName: null, timeline: null }
    : await readFiles(dataDir);
  if (!probe && files.role === 'unknown') notes.push('no data folder');
  return {
    name: node,
    port: ctx.ports[node],
    state: pm.state,
    probe,
    probeNote: notes.length ? notes.join('; ') : undefined,
    files,
  };
}

async function readFiles(dataDir: string): Promise<NodeObservation['files']> {
  const control = await readControlFile(dataDir);
  if (!control) return { role: 'unknown', primaryConninfo: null, primarySlotName: null, timeline: null };
  const auto = await readAutoConf(dataDir);
  return {
    role: existsSync(join(dataDir, 'standby.signal')) ? 'standby' : 'primary',
    primaryConninfo: auto.get('primary_conninfo') ?? null,
    primarySlotName: auto.get('primary_slot_name') ?? null,
    timeline: control.timeline,
  };
}
