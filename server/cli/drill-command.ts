// `pgdemo drill` for an interviewer at a terminal, and `pgdemo practice`. A drill keeps sessions open on the pair (the
// report that never ends, the application that writes), so it lives in the running sidecar: these commands ask it,
// with the token of the state folder's sidecar.json. Nothing printed names the fault unless asked (`--reveal`).
import { Option, type Command } from 'commander';
import type { DrillState, PracticeEntry, RevealedFault } from '../../shared/drills';
import { DemoError } from '../../shared/errors';
import type { ClusterStatus } from '../../shared/types';
import { defaultStateDir } from '../cluster/factory';
import { PracticeLog } from '../drills/practice-log';
import { readSidecarFile } from '../sidecar/sidecar-file';
import { http } from '../system/http';
import { backendOption } from './backend-option';
import { formatPractice } from './format-practice';

/** a start resets the pair and injects; the sidecar gives it 90 s */
const DRILL_REQUEST_MS = 100_000;

async function ask<T>(path: string, body?: unknown): Promise<T> {
  const stateDir = defaultStateDir();
  const sidecar = await readSidecarFile(stateDir);
  if (!sidecar) {
    throw new DemoError('INVALID_STATE', `No sidecar runs for ${stateDir}.`, {
      detail: 'A drill lives in the running sidecar (it keeps sessions open on the pair): start the deck with `npm start` (or `pgdemo serve`) first.',
    });
  }
  const answer = await http(`${sidecar.url}${path}`, {
    ...(body === undefined ? {} : { body }), headers: { authorization: `Bearer ${sidecar.token}` }, timeoutMs: DRILL_REQUEST_MS,
  }).catch((err: unknown) => {
    throw new DemoError('INVALID_STATE', `The sidecar at ${sidecar.url} does not answer (${(err as Error).message}).`,
      { detail: 'Is the deck (`npm start`) or `pgdemo serve` still running?' });
  });
  const parsed = answer.json<T & { code?: string; message?: string; detail?: string }>();
  if (answer.status !== 200) {
    throw new DemoError('BAD_REQUEST', parsed.message ?? `HTTP ${answer.status}`, parsed.detail ? { detail: parsed.detail } : {});
  }
  return parsed;
}

/** `--backend` names the backend the drill is for: the running sidecar's must be that one. */
async function checkBackend(wanted: string | undefined): Promise<void> {
  if (!wanted) return;
  const status = await ask<ClusterStatus>('/api/cluster');
  if (status.backend !== wanted) {
    throw new DemoError('BAD_REQUEST', `The running sidecar's pair is on ${status.backend}, not ${wanted}.`,
      { detail: `Stop it and start the deck with --backend ${wanted}.` });
  }
}

function formatState(state: DrillState): string {
  if (!state.active) return 'No drill is running.';
  const lines = [
    `Drill running since ${state.startedAt} with ${state.faultCount} fault${state.faultCount > 1 ? 's' : ''} (not named here).`,
    state.diagnosedAt ? `Diagnosed after ${Math.round(state.timeToDiagnosisMs! / 1000)} s: ${state.right ? 'right' : 'wrong'}.` : 'Not diagnosed yet.',
    `Hints used: ${state.hints.length}.`,
  ];
  if (state.fixed) lines.push(`Fixed: ${state.fixed.ok ? 'yes' : 'no'}; the pair is ${state.fixed.healthy ? 'healthy' : 'NOT healthy'}.${state.fixed.detail ? ` ${state.fixed.detail}` : ''}`);
  return lines.join('\n');
}

function formatAnswer(faults: RevealedFault[]): string {
  return faults.map((f) => [
    `${f.name}: ${f.title}`,
    `  cause:  ${f.cause}`,
    `  remedy: ${f.remedy}`,
    ...f.hints.map((h, i) => `  hint ${i + 1}: ${h}`),
    ...f.evidence.map((e) => `  evidence (${e.node}) ${e.title}: ${e.showsSymptom === null ? 'context' : e.showsSymptom ? 'shows it' : 'not yet'}`),
  ].join('\n')).join('\n\n');
}

const jsonOption = () => new Option('--json', 'print JSON');
const print = (json: boolean | undefined, value: unknown, text: string) => console.log(json ? JSON.stringify(value, null, 2) : text);

export function addDrillCommands(program: Command): void {
  const drill = program.command('drill')
    .description('start an interview drill: a hidden real fault on the pair (ask the running sidecar)')
    .addOption(new Option('--fault <name...>', 'the fault(s) to inject (default: one at random); two at the senior level'))
    .addOption(new Option('--level <n>', 'random faults at once: 1, or 2 for the senior level').choices(['1', '2']))
    .option('--reveal', 'print the answer here (the interviewer\'s terminal); the audience view still does not show it')
    .addOption(backendOption())
    .addOption(jsonOption())
    .action(async (opts: { fault?: string[]; level?: string; reveal?: boolean; backend?: string; json?: boolean }) => {
      await checkBackend(opts.backend);
      const state = await ask<DrillState>('/api/drill/start', {
        ...(opts.fault ? { faults: opts.fault } : {}), ...(opts.level ? { level: Number(opts.level) } : {}),
        ...(opts.reveal ? { interviewerMayPeek: true } : {}),
      });
      const answer = opts.reveal ? await ask<RevealedFault[]>('/api/drill/answer') : undefined;
      print(opts.json, answer ? { state, answer } : state,
        `${formatState(state)}${answer ? `\n\n${formatAnswer(answer)}` : ''}`);
    });

  drill.command('status').description('the running drill, without naming its fault').addOption(jsonOption())
    .action(async (opts: { json?: boolean }) => {
      const state = await ask<DrillState>('/api/drill');
      print(opts.json, { ...state, choices: undefined }, formatState(state));
    });
  drill.command('answer').description('the running drill\'s answer (only for a drill started with --reveal)').addOption(jsonOption())
    .action(async (opts: { json?: boolean }) => {
      const answer = await ask<RevealedFault[]>('/api/drill/answer');
      print(opts.json, answer, formatAnswer(answer));
    });
  drill.command('fix').description('apply the remedy and wait for a healthy streaming pair').addOption(jsonOption())
    .action(async (opts: { json?: boolean }) => {
      const state = await ask<DrillState>('/api/drill/fix', {});
      print(opts.json, state, `${formatAnswer(state.revealed ?? [])}\n\n${formatState(state)}`);
      if (!state.fixed?.ok) process.exitCode = 1;
    });
  drill.command('reset').description('end any drill and reset the pair').addOption(jsonOption())
    .action(async (opts: { json?: boolean }) => {
      const state = await ask<DrillState>('/api/drill/reset', {});
      print(opts.json, state, 'The drill is over and the pair is reset.');
    });

  program.command('practice').description('the practice log: each drill and each timed demo run against its budget')
    .addOption(jsonOption())
    .action(async (opts: { json?: boolean }) => {
      const entries: PracticeEntry[] = await new PracticeLog(defaultStateDir()).entries();
      print(opts.json, entries, formatPractice(entries));
    });
}
