// The drill's verbs and the console, in one place for both ways a page or a script asks: the HTTP routes
// (routes/drill.ts) and the page's channel (channel/requests.ts).
import type { ConsoleResult, DrillState, DrillVerb } from '../../shared/drills';
import { DemoError } from '../../shared/errors';
import type { Cluster } from '../cluster/cluster';
import { EDITS_HINT } from '../runner/run-request';
import { consoleBodySchema, runConsole } from './console';
import type { DrillSession } from './drill-session';

export function drillVerb(drills: DrillSession, verb: DrillVerb, body: unknown): Promise<DrillState> | DrillState {
  switch (verb) {
    case 'state': return drills.state();
    case 'start': return drills.start(body);
    case 'hint': return drills.hint();
    case 'diagnose': return drills.diagnose(body);
    case 'reveal': return drills.reveal();
    case 'fix': return drills.fix();
    case 'reset': return drills.reset();
  }
}

/** The console: only with `--allow-edits`, only while a drill runs (the role it connects as exists then). */
export function drillConsole(deps: { cluster: Cluster; drills: DrillSession; allowEdits: boolean }, body: unknown): Promise<ConsoleResult> {
  if (!deps.allowEdits) {
    throw new DemoError('EDIT_NOT_ENABLED', 'The console runs SQL of your own, which this sidecar does not allow.', { detail: EDITS_HINT });
  }
  const request = consoleBodySchema.parse(body);
  if (!deps.drills.state().active) throw new DemoError('INVALID_STATE', 'The console is part of a drill: start one first.');
  return runConsole(deps.cluster, request);
}
